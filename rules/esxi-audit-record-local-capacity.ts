import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-audit-record-local-capacity',
    title: 'ESXi local audit record storage is smaller than the baseline',
    severity: 'medium',
    category: 'logging',
    rationale: 'The installation default of 4 MiB overwrites audit records within hours on a busy host.',
    risk: 'Audit records are overwritten before anyone reads them.',
    remediation: {
      text: 'Set Syslog.global.auditRecord.storageCapacity to 100 MiB (SCG: 100 or more; the STIG checks for exactly 100).',
      esxcli: 'esxcli system auditrecords local set --size=100',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.auditRecord.storageCapacity | Set-AdvancedSetting -Value 100 -Confirm:$false',
    },
    references: { scg: ['logs-audit-local-capacity'], stig: ['ESXI-80-000113'] },
    params: z
      .object({
        minMiB: z.number().int().min(1).default(100).describe('Smallest accepted audit record storage (MiB).'),
        exact: z
          .boolean()
          .default(false)
          .describe('Require exactly this value, as the baseline check does ("not set to N is a finding").'),
      })
      .strict(),
  },
  {
    key: 'Syslog.global.auditRecord.storageCapacity',
    kind: 'integer',
    whenAbsent: 'not_applicable',
    expect: (p) => (p.exact ? expectValue.equals(p.minMiB) : expectValue.atLeast(p.minMiB)),
  },
);
