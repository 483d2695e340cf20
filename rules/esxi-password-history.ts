import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-password-history',
    title: 'ESXi remembers fewer previous passwords than the baseline requires',
    severity: 'medium',
    category: 'accounts',
    rationale: 'Password history stops users from cycling back to a recently used (and possibly exposed) password.',
    risk: 'Compromised passwords can be reinstated right after a forced change.',
    remediation: {
      text: 'Set Security.PasswordHistory to 5 or more.',
      esxcli: 'esxcli system settings advanced set -o /Security/PasswordHistory -i 5',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Security.PasswordHistory | Set-AdvancedSetting -Value 5 -Confirm:$false',
    },
    references: { scg: ['account-password-history'], stig: ['ESXI-80-000043'] },
    params: z
      .object({ minRemembered: z.number().int().min(0).default(5).describe('Fewest previous passwords remembered.') })
      .strict(),
  },
  { key: 'Security.PasswordHistory', kind: 'integer', expect: (p) => expectValue.atLeast(p.minRemembered) },
);
