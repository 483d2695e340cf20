import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-soap-session-timeout',
    title: 'vSphere API (SOAP) idle sessions on the host time out late or never',
    severity: 'medium',
    category: 'access',
    rationale:
      'Idle API sessions hold authenticated tokens; SCG 8 wants 10 minutes or less (not 0), the DISA STIG check wants exactly 30 (the installation default).',
    risk: 'A stolen or forgotten session cookie stays usable for longer.',
    remediation: {
      text: 'Set Config.HostAgent.vmacore.soap.sessionTimeout (minutes) to the profile limit: SCG 10, STIG 30.',
      esxcli: 'esxcli system settings advanced set -o /Config/HostAgent/vmacore/soap/sessionTimeout -i 30',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Config.HostAgent.vmacore.soap.sessionTimeout | Set-AdvancedSetting -Value 30 -Confirm:$false',
    },
    references: { scg: ['api-soap-timeout'], stig: ['ESXI-80-000226'] },
    params: z
      .object({
        maxMinutes: z.number().int().min(1).default(10).describe('Longest accepted idle API session (minutes).'),
        exact: z
          .boolean()
          .default(false)
          .describe('Require exactly this value, as the baseline check does ("not set to N is a finding").'),
      })
      .strict(),
  },
  {
    key: 'Config.HostAgent.vmacore.soap.sessionTimeout',
    kind: 'integer',
    expect: (p) => (p.exact ? expectValue.equals(p.maxMinutes) : expectValue.between(1, p.maxMinutes)),
  },
);
