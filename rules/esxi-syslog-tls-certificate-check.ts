import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-syslog-tls-certificate-check',
    title: 'ESXi does not verify the remote syslog server certificate',
    severity: 'medium',
    category: 'logging',
    rationale: 'Without certificate checks a TLS syslog stream can be redirected to an attacker.',
    risk: 'Log forwarding can be intercepted or silently diverted.',
    remediation: {
      text: 'Set Syslog.global.certificate.checkSSLCerts to true.',
      esxcli: 'esxcli system syslog config set --check-ssl-certs=true && esxcli system syslog reload',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.certificate.checkSSLCerts | Set-AdvancedSetting -Value $true -Confirm:$false',
    },
    references: { scg: ['logs-remote-tls'], stig: ['ESXI-80-000224'] },
    params: z.object({}).strict(),
  },
  {
    key: 'Syslog.global.certificate.checkSSLCerts',
    kind: 'boolean',
    whenAbsent: 'not_applicable',
    expect: () => expectValue.equals(true),
  },
);
