import { noParams } from '../src/rules/kit/define.js';
import { defineSecurityPolicyRule } from '../src/rules/kit/esxi-network.js';

export default defineSecurityPolicyRule(
  {
    id: 'esxi-vswitch-mac-changes',
    title: 'A standard vSwitch or port group accepts MAC address changes',
    severity: 'high',
    category: 'network',
    rationale:
      "Accepting MAC address changes lets a guest change its effective MAC and take over another station's traffic.",
    risk: 'A VM can impersonate other VMs or hosts on the segment.',
    remediation: {
      text: 'Set MAC address changes to Reject on every standard vSwitch and remove port group overrides that accept it.',
      esxcli: 'esxcli network vswitch standard policy security set -v vSwitch0 --allow-mac-change=false',
      powercli:
        'Get-VirtualSwitch -VMHost $vmhost -Standard | Get-SecurityPolicy | Set-SecurityPolicy -MacChanges $false',
    },
    references: { scg: ['network-reject-mac-changes-standardswitch'], stig: ['ESXI-80-000217'] },
    params: noParams,
  },
  'macChanges',
);
