import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-audit-record-local-storage',
    title: 'ESXi does not store audit records locally',
    severity: 'medium',
    category: 'logging',
    rationale:
      'Audit records capture security-relevant events (logins, permission changes) separately from ordinary logs.',
    risk: 'No local audit trail of security events.',
    remediation: {
      text: 'Enable local audit record storage (Syslog.global.auditRecord.storageEnable = true).',
      esxcli: 'esxcli system auditrecords local enable',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.auditRecord.storageEnable | Set-AdvancedSetting -Value $true -Confirm:$false',
    },
    references: { scg: ['logs-audit-local'], stig: ['ESXI-80-000232'] },
    params: z.object({}).strict(),
  },
  {
    key: 'Syslog.global.auditRecord.storageEnable',
    kind: 'boolean',
    whenAbsent: 'not_applicable',
    expect: () => expectValue.equals(true),
  },
);
