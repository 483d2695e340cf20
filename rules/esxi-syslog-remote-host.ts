import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-syslog-remote-host',
    title: 'ESXi logs are not forwarded to a remote log server',
    severity: 'medium',
    category: 'logging',
    rationale:
      'Logs kept only on the host are lost on reboot (RAM disk) and are the first thing an intruder with root erases.',
    risk: 'No trustworthy record of logins and configuration changes after a compromise.',
    remediation: {
      text: 'Point Syslog.global.logHost at the site log server (optionally the exact hosts given in the logHosts parameter).',
      esxcli: 'esxcli system syslog config set --loghost=ssl://loghost.example:1514 && esxcli system syslog reload',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Syslog.global.logHost | Set-AdvancedSetting -Value "ssl://loghost.example:1514" -Confirm:$false',
    },
    references: { scg: ['logs-remote'], stig: ['ESXI-80-000114'] },
    params: z
      .object({
        logHosts: z
          .array(z.string().min(1))
          .default([])
          .describe('Log servers that must all appear in Syslog.global.logHost; empty = any.'),
      })
      .strict(),
  },
  {
    key: 'Syslog.global.logHost',
    kind: 'string',
    whenAbsent: 'fail',
    expect: (p) =>
      p.logHosts.length > 0
        ? expectValue.custom(`includes ${p.logHosts.join(', ')}`, (v) => p.logHosts.every((h) => String(v).includes(h)))
        : expectValue.nonEmpty(),
  },
);
