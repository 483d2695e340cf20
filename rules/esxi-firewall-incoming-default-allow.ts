import { defineRule, noParams } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-firewall-incoming-default-allow',
  title: 'The ESXi firewall lets incoming traffic through by default',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'firewall',
  rationale:
    'With the default policy set to allow, every listening port is reachable whether or not a ruleset opens it.',
  risk: 'All host services, including ones meant to be closed, are reachable from the network.',
  remediation: {
    text: 'Enable the ESXi firewall with default action DROP.',
    esxcli: 'esxcli network firewall set --enabled true --default-action false',
    powercli:
      'Get-VMHost | Get-VMHostFirewallDefaultPolicy | Set-VMHostFirewallDefaultPolicy -AllowIncoming $false -AllowOutgoing $false',
  },
  references: { scg: ['firewall-incoming-default'], stig: ['ESXI-80-000214'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('exposure.firewall', esxi.exposure.firewall, (firewall) =>
      verdict(
        firewall.incomingBlocked,
        'exposure.firewall.incomingBlocked',
        {
          pass: 'incoming traffic is blocked by default',
          fail: 'incoming traffic is allowed by default; expected blocked (DROP)',
        },
        firewall.incomingBlocked,
        true,
      ),
    ),
});
