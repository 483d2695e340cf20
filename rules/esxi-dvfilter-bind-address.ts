import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-dvfilter-bind-address',
    title: 'The dvFilter network API is bound to an address not in the allowed list',
    severity: 'medium',
    category: 'network',
    rationale:
      "The dvFilter API lets a security appliance inspect every VM's traffic; bound when it is not used, it is an open introspection channel.",
    risk: 'An appliance (or attacker) on that address can read and alter VM traffic.',
    remediation: {
      text: 'Clear Net.DVFilterBindIpAddress unless a network introspection appliance that uses the dvFilter API is deployed.',
      esxcli: 'esxcli system settings advanced set -o /Net/DVFilterBindIpAddress -s ""',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Net.DVFilterBindIpAddress | Set-AdvancedSetting -Value "" -Confirm:$false',
    },
    references: { scg: ['network-dvfilter'], stig: ['ESXI-80-000219'] },
    params: z
      .object({
        allowedAddresses: z
          .array(z.string().min(1))
          .default([])
          .describe('dvFilter appliance addresses the site uses.'),
      })
      .strict(),
  },
  {
    key: 'Net.DVFilterBindIpAddress',
    kind: 'string',
    whenAbsent: 'not_applicable',
    expect: (p) =>
      expectValue.custom(
        `empty${p.allowedAddresses.length ? ` or one of ${p.allowedAddresses.join(', ')}` : ''}`,
        (v) => v === '' || p.allowedAddresses.includes(String(v)),
      ),
  },
);
