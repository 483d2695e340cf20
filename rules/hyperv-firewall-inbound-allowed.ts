import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { perFirewallProfile } from '../src/rules/kit/helpers.js';

/** Microsoft Learn, Set-NetFirewallProfile -DefaultInboundAction: "The default setting when managing a computer is Block." */
const NOT_CONFIGURED = "Windows' default for a computer, Block, applies (Microsoft Learn, Set-NetFirewallProfile).";

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
      'https://learn.microsoft.com/en-us/powershell/module/netsecurity/set-netfirewallprofile',
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
      const action = p.defaultInboundAction;
      if (isUnknown(action)) return result.unknown(path, action, p.name);
      if (/^allow$/i.test(action))
        return result.fail(
          path,
          `The ${p.name} profile allows inbound connections by default.`,
          action,
          'Block',
          p.name,
        );
      // Read from the active store, NotConfigured means neither the local store nor a GPO sets it.
      const blocking = /^block$/i.test(action)
        ? `The ${p.name} profile blocks inbound connections by default.`
        : /^notconfigured$/i.test(action)
          ? `The ${p.name} profile's default inbound action is not configured: ${NOT_CONFIGURED}`
          : undefined;
      if (blocking) return result.pass(path, blocking, action, 'Block', p.name);
      return result.unknown(
        path,
        `the ${p.name} profile reports default inbound action "${action}", which is not Allow, Block or NotConfigured`,
        p.name,
      );
    });
  },
});
