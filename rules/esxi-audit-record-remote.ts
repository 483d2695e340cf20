import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-audit-record-remote',
    title: 'ESXi does not forward audit records to the remote log server',
    severity: 'medium',
    category: 'logging',
    rationale: 'Audit records kept only on the host can be erased by whoever compromises it.',
    risk: 'Security events are lost with the host.',
    remediation: {
      text: 'Enable remote audit record forwarding (Syslog.global.auditRecord.remoteEnable = true).',
      esxcli: 'esxcli system auditrecords remote enable',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.auditRecord.remoteEnable | Set-AdvancedSetting -Value $true -Confirm:$false',
    },
    references: { scg: ['logs-audit-remote'], stig: ['ESXI-80-000233'] },
    params: z.object({}).strict(),
  },
  {
    key: 'Syslog.global.auditRecord.remoteEnable',
    kind: 'boolean',
    whenAbsent: 'not_applicable',
    expect: () => expectValue.equals(true),
  },
);
