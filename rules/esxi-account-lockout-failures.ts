import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-account-lockout-failures',
    title: 'ESXi account lockout after failed logins is off or more lenient than the baseline',
    severity: 'medium',
    category: 'accounts',
    rationale:
      'Locking an account after a few failed logins stops online password guessing against root and local users over SSH, the Host Client and the API.',
    risk: 'Unlimited guesses let an attacker brute-force local ESXi passwords.',
    remediation: {
      text: 'Set Security.AccountLockFailures to the profile limit (SCG at most 5; STIG exactly 3); 0 turns lockout off.',
      esxcli: 'esxcli system settings advanced set -o /Security/AccountLockFailures -i 5',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Security.AccountLockFailures | Set-AdvancedSetting -Value 5 -Confirm:$false',
    },
    references: { scg: ['account-lockout'], stig: ['ESXI-80-000005'] },
    params: z
      .object({
        maxFailures: z.number().int().min(1).default(5).describe('Most failed logins before the account locks.'),
        exact: z
          .boolean()
          .default(false)
          .describe('Require exactly this value, as the baseline check does ("not set to N is a finding").'),
      })
      .strict(),
  },
  {
    key: 'Security.AccountLockFailures',
    kind: 'integer',
    expect: (p) => (p.exact ? expectValue.equals(p.maxFailures) : expectValue.between(1, p.maxFailures)),
  },
);
