import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-dcui-access-users',
    title: 'Users beyond the allowed list may use the DCUI during lockdown',
    severity: 'medium',
    category: 'lockdown',
    rationale:
      'Users in DCUI.Access keep console access even in lockdown mode; the list should name only break-glass accounts.',
    risk: 'Extra DCUI users bypass lockdown mode from the console or BMC.',
    remediation: {
      text: "Set DCUI.Access to root only (or the site's break-glass users).",
      esxcli: 'esxcli system settings advanced set -o /DCUI/Access -s "root"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name DCUI.Access | Set-AdvancedSetting -Value "root" -Confirm:$false',
    },
    references: { scg: ['lockdown-dcui-access'], stig: ['ESXI-80-000189'] },
    params: z
      .object({ allowedUsers: z.array(z.string().min(1)).default(['root']).describe('Users allowed in DCUI.Access.') })
      .strict(),
  },
  {
    key: 'DCUI.Access',
    kind: 'string',
    expect: (p) =>
      expectValue.custom(`only ${p.allowedUsers.join(', ')}`, (v) =>
        String(v)
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean)
          .every((u) => p.allowedUsers.includes(u)),
      ),
  },
);
