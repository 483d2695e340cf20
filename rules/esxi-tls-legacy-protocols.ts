import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-tls-legacy-protocols',
    title: 'ESXi services accept SSLv3, TLS 1.0 or TLS 1.1',
    severity: 'medium',
    category: 'tls',
    rationale: 'Legacy TLS versions have practical downgrade and cipher attacks.',
    risk: 'Management traffic can be downgraded and decrypted.',
    remediation: {
      text: 'Set UserVars.ESXiVPsDisabledProtocols to sslv3,tlsv1,tlsv1.1 and restart the host (ESXi 8.0 U3+: use the NIST_2024 TLS profile instead).',
      esxcli: 'esxcli system settings advanced set -o /UserVars/ESXiVPsDisabledProtocols -s "sslv3,tlsv1,tlsv1.1"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.ESXiVPsDisabledProtocols | Set-AdvancedSetting -Value "sslv3,tlsv1,tlsv1.1" -Confirm:$false',
    },
    references: { scg: ['tls-protocols'] },
    params: z
      .object({
        disabled: z
          .array(z.string().min(1))
          .default(['sslv3', 'tlsv1', 'tlsv1.1'])
          .describe('Protocols that must be disabled.'),
      })
      .strict(),
  },
  {
    key: 'UserVars.ESXiVPsDisabledProtocols',
    kind: 'string',
    whenAbsent: 'not_applicable',
    expect: (p) =>
      expectValue.custom(`disables ${p.disabled.join(', ')}`, (v) => {
        const off = String(v)
          .toLowerCase()
          .split(',')
          .map((s) => s.trim());
        return p.disabled.every((d) => off.includes(d.toLowerCase()));
      }),
  },
);
