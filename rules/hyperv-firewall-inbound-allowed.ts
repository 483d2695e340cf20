import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { perFirewallProfile } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-firewall-inbound-allowed',
  title: 'A Windows Firewall profile on the Hyper-V host allows inbound connections by default',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'A default inbound action of Allow turns the firewall into a deny-list: every listening service not explicitly blocked is reachable.',
  risk: 'New or forgotten services of the management OS are reachable from any network.',
  remediation: {
    text: 'Set the default inbound action to Block on every profile and allow management ports explicitly.',
    powershell: 'Set-NetFirewallProfile -Profile Domain,Private,Public -DefaultInboundAction Block',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows/security/operating-system-security/network-security/windows-firewall/configure',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return perFirewallProfile(facts, (p) => {
      const path = `exposure.firewallProfiles[${p.name}].defaultInboundAction`;
      if (!p.enabled)
        return result.notApplicable(
          path,
          `The ${p.name} profile is off (see hyperv-firewall-profile-disabled).`,
          p.name,
        );
      if (p.defaultInboundAction === undefined)
        return result.unknown(path, `default inbound action of ${p.name} was not reported`, p.name);
      return /^allow$/i.test(p.defaultInboundAction)
        ? result.fail(
            path,
            `The ${p.name} profile allows inbound connections by default.`,
            p.defaultInboundAction,
            'Block',
            p.name,
          )
        : result.pass(
            path,
            `The ${p.name} profile blocks inbound connections by default.`,
            p.defaultInboundAction,
            'Block',
            p.name,
          );
    });
  },
});
