import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-syslog-tls-strict-x509',
    title: 'ESXi syslog TLS does not enforce strict X.509 compliance',
    severity: 'medium',
    category: 'logging',
    rationale: 'Strict X.509 checking rejects malformed or weak certificates for the log server.',
    risk: 'Weak certificates are accepted for log forwarding.',
    remediation: {
      text: 'Set Syslog.global.certificate.strictX509Compliance to true.',
      esxcli: 'esxcli system syslog config set --x509-strict=true && esxcli system syslog reload',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.certificate.strictX509Compliance | Set-AdvancedSetting -Value $true -Confirm:$false',
    },
    references: { scg: ['logs-remote-tls-x509'], stig: ['ESXI-80-000234'] },
    params: z.object({}).strict(),
  },
  {
    key: 'Syslog.global.certificate.strictX509Compliance',
    kind: 'boolean',
    whenAbsent: 'not_applicable',
    expect: () => expectValue.equals(true),
  },
);
