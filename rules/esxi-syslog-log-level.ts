import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-syslog-log-level',
    title: 'The ESXi syslog daemon log level differs from the baseline',
    severity: 'medium',
    category: 'logging',
    rationale:
      'SCG 8 keeps vmsyslogd at error (its default); DISA STIG wants info so that the daemon records its own operation.',
    risk: 'Syslog daemon problems (dropped or undelivered logs) go unrecorded.',
    remediation: {
      text: 'Set Syslog.global.logLevel to the profile level (SCG error, STIG info).',
      esxcli: 'esxcli system syslog config set --log-level=info && esxcli system syslog reload',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.logLevel | Set-AdvancedSetting -Value "info" -Confirm:$false',
    },
    references: { scg: ['logs-level-global'], stig: ['ESXI-80-000235'] },
    params: z
      .object({
        levels: z.array(z.string().min(1)).min(1).default(['error']).describe('Accepted vmsyslogd log levels.'),
      })
      .strict(),
  },
  {
    key: 'Syslog.global.logLevel',
    kind: 'string',
    whenAbsent: 'not_applicable',
    expect: (p) => expectValue.oneOf(p.levels),
  },
);
