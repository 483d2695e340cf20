import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-password-max-age',
    title: 'ESXi password maximum age is unset or longer than the baseline',
    severity: 'medium',
    category: 'accounts',
    rationale:
      'SCG keeps the installation default (9999 days) and relies on vaulted rotation; DISA STIG requires a 90-day maximum age.',
    risk: 'Long-lived local passwords stay valid after they leak.',
    remediation: {
      text: 'Set Security.PasswordMaxDays to the profile limit (SCG 9999, STIG 90).',
      esxcli: 'esxcli system settings advanced set -o /Security/PasswordMaxDays -i 90',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Security.PasswordMaxDays | Set-AdvancedSetting -Value 90 -Confirm:$false',
    },
    references: { scg: ['account-password-max-days'], stig: ['ESXI-80-000227'] },
    params: z
      .object({
        maxDays: z.number().int().min(1).default(9999).describe('Longest accepted password age (days).'),
        exact: z
          .boolean()
          .default(false)
          .describe('Require exactly this value, as the baseline check does ("not set to N is a finding").'),
      })
      .strict(),
  },
  {
    key: 'Security.PasswordMaxDays',
    kind: 'integer',
    expect: (p) => (p.exact ? expectValue.equals(p.maxDays) : expectValue.between(1, p.maxDays)),
  },
);
