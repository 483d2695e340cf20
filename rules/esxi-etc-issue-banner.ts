import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-etc-issue-banner',
    title: 'The ESXi /etc/issue (SSH) banner is empty or not the site banner',
    severity: 'medium',
    category: 'access',
    rationale: '/etc/issue is shown before SSH and shell logins.',
    risk: 'Missing legal notice on SSH logins.',
    remediation: {
      text: 'Set Config.Etc.issue to the site (or DoD) logon banner.',
      esxcli: 'esxcli system settings advanced set -o /Config/Etc/issue -s "<site banner>"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Config.Etc.issue | Set-AdvancedSetting -Value "<site banner>" -Confirm:$false',
    },
    references: { scg: ['etc-issue'], stig: ['ESXI-80-000191'] },
    params: z
      .object({ text: z.string().default('').describe('Exact banner text required; empty = any non-empty banner.') })
      .strict(),
  },
  {
    key: 'Config.Etc.issue',
    kind: 'string',
    whenAbsent: 'fail',
    expect: (p) => (p.text ? expectValue.equals(p.text) : expectValue.nonEmpty()),
  },
);
