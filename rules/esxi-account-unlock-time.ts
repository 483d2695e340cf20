import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-account-unlock-time',
    title: 'Locked ESXi accounts unlock too soon',
    severity: 'medium',
    category: 'accounts',
    rationale:
      'The unlock delay decides how many guesses an attacker gets per hour once lockout triggers. The STIG finds "less than 900 or 0" and the SCG audit passes 900 or more, so both want at least 15 minutes.',
    risk: 'A short delay (or 0, which in the STIG check counts as no delay) makes lockout ineffective against password guessing.',
    remediation: {
      text: 'Set Security.AccountUnlockTime to 900 seconds or more.',
      esxcli: 'esxcli system settings advanced set -o /Security/AccountUnlockTime -i 900',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Security.AccountUnlockTime | Set-AdvancedSetting -Value 900 -Confirm:$false',
    },
    references: { scg: ['account-auto-unlock-time'], stig: ['ESXI-80-000111'] },
    params: z
      .object({
        minSeconds: z.number().int().min(1).default(900).describe('Shortest accepted unlock delay (seconds).'),
      })
      .strict(),
  },
  { key: 'Security.AccountUnlockTime', kind: 'integer', expect: (p) => expectValue.atLeast(p.minSeconds) },
);
