import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

/** Parsed pam_passwdqc options: `min=N0,N1,N2,N3,N4` gives the minimum length per character-class count. */
function passwdqc(value: string): { similarDeny: boolean; minLengths: (number | null)[]; max: number | null } {
  const options = new Map(
    value
      .trim()
      .split(/\s+/)
      .map((part) => part.split('=') as [string, string?])
      .map(([k, v]) => [k, v ?? ''] as const),
  );
  const minLengths = (options.get('min') ?? '')
    .split(',')
    .map((n) => (n === 'disabled' || n === '' ? null : Number(n)));
  return {
    similarDeny: options.get('similar') === 'deny',
    minLengths,
    max: options.has('max') ? Number(options.get('max')) : null,
  };
}

export default defineSettingRule(
  {
    id: 'esxi-password-complexity',
    title: 'ESXi password quality rules allow short or similar passwords',
    severity: 'medium',
    category: 'accounts',
    rationale:
      'Security.PasswordQualityControl (pam_passwdqc) decides the shortest password ESXi accepts; SCG and STIG allow only 15+ characters using all four character classes, and deny passwords similar to the old one.',
    risk: 'Short local passwords (installation default: 7 characters) fall to offline or online guessing.',
    remediation: {
      text: 'Set Security.PasswordQualityControl to "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64" (SCG; STIG omits max=64).',
      esxcli:
        'esxcli system settings advanced set -o /Security/PasswordQualityControl -s "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Security.PasswordQualityControl | Set-AdvancedSetting -Value "similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64" -Confirm:$false',
    },
    references: { scg: ['account-password-policies'], stig: ['ESXI-80-000035'] },
    params: z
      .object({
        minLength: z.number().int().min(1).default(15).describe('Shortest password any min= class may allow.'),
        requireMax64: z.boolean().default(true).describe('Require max=64 (SCG only).'),
      })
      .strict(),
  },
  {
    key: 'Security.PasswordQualityControl',
    kind: 'string',
    expect: (p) =>
      expectValue.custom(
        `similar=deny, every min= length >= ${p.minLength}${p.requireMax64 ? ', max=64' : ''}`,
        (value) => {
          const q = passwdqc(String(value));
          const lengths = q.minLengths.filter((n): n is number => n !== null);
          return (
            q.similarDeny &&
            lengths.length > 0 &&
            lengths.every((n) => n >= p.minLength) &&
            (!p.requireMax64 || q.max === 64)
          );
        },
      ),
  },
);
