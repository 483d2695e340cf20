import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-welcome-banner',
    title: 'The ESXi DCUI welcome banner is empty or not the site banner',
    severity: 'medium',
    category: 'access',
    rationale: 'A logon banner states authorised use and monitoring, which many policies require for legal recourse.',
    risk: 'Missing legal notice on the console.',
    remediation: {
      text: 'Set Annotations.WelcomeMessage to the site (or DoD) logon banner.',
      esxcli: 'esxcli system settings advanced set -o /Annotations/WelcomeMessage -s "<site banner>"',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Annotations.WelcomeMessage | Set-AdvancedSetting -Value "<site banner>" -Confirm:$false',
    },
    references: { scg: ['annotations-welcomemessage'], stig: ['ESXI-80-000006'] },
    params: z
      .object({ text: z.string().default('').describe('Exact banner text required; empty = any non-empty banner.') })
      .strict(),
  },
  {
    key: 'Annotations.WelcomeMessage',
    kind: 'string',
    whenAbsent: 'fail',
    expect: (p) => (p.text ? expectValue.equals(p.text) : expectValue.nonEmpty()),
  },
);
