import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-account-unlock-time',
    title: 'Locked ESXi accounts unlock too soon or never',
    severity: 'medium',
    category: 'accounts',
    rationale:
      'The unlock delay decides how many guesses an attacker gets per hour once lockout triggers; SCG wants 900 s, STIG at most 900 s and not 0.',
    risk: 'A very short delay makes lockout ineffective; 0 keeps accounts locked until an administrator intervenes.',
    remediation: {
      text: 'Set Security.AccountUnlockTime to 900 seconds (SCG); STIG accepts 1..900.',
      esxcli: 'esxcli system settings advanced set -o /Security/AccountUnlockTime -i 900',
      powercli: 'Get-VMHost | Get-AdvancedSetting -Name Security.AccountUnlockTime | Set-AdvancedSetting -Value 900 -Confirm:$false',
    },
    references: { scg: ['account-auto-unlock-time'], stig: ['ESXI-80-000111'] },
    params: z.object({ minSeconds: z.number().int().min(0).default(900).describe('Shortest accepted unlock delay (seconds).'), maxSeconds: z.number().int().min(1).default(900).describe('Longest accepted unlock delay (seconds).') }).strict(),
    profileDefaults: { scg: { minSeconds: 900, maxSeconds: 900 }, stig: { minSeconds: 1, maxSeconds: 900 }, lab: { minSeconds: 1, maxSeconds: 3600 } },
  },
  { key: 'Security.AccountUnlockTime', kind: 'integer', expect: (p) => expectValue.between(p.minSeconds, p.maxSeconds) },
);
