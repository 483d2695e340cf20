import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { perFirewallProfile } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-firewall-profile-disabled',
  title: 'A Windows Firewall profile is turned off on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'With a profile off, every listening service of the management OS is reachable on the networks that profile covers, including a vNIC shared with VMs.',
  risk: 'Management services (SMB, RPC, WinRM, RDP) become reachable from networks the host does not trust.',
  remediation: {
    text: 'Enable every firewall profile and allow management ports only from management networks.',
    powershell: 'Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True',
  },
  references: {
    stig: ['WN22-00-000280', 'WN19-00-000280'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return perFirewallProfile(facts, (p) =>
      p.enabled
        ? result.pass(
            `exposure.firewallProfiles[${p.name}].enabled`,
            `The ${p.name} profile is on.`,
            true,
            true,
            p.name,
          )
        : result.fail(
            `exposure.firewallProfiles[${p.name}].enabled`,
            `The ${p.name} firewall profile is off.`,
            false,
            true,
            p.name,
          ),
    );
  },
});
