import { noParams } from '../src/rules/kit/define.js';
import { defineSecurityPolicyRule } from '../src/rules/kit/esxi-network.js';

export default defineSecurityPolicyRule(
  {
    id: 'esxi-vswitch-forged-transmits',
    title: 'A standard vSwitch or port group accepts forged transmits',
    severity: 'medium',
    category: 'network',
    rationale: 'Accepting forged transmits lets a guest send frames with a source MAC that is not its own.',
    risk: 'A VM can spoof other stations (ARP/MAC spoofing) on the segment.',
    remediation: {
      text: 'Set forged transmits to Reject on every standard vSwitch and remove port group overrides that accept it.',
      esxcli: 'esxcli network vswitch standard policy security set -v vSwitch0 --allow-forged-transmits=false',
      powercli:
        'Get-VirtualSwitch -VMHost $vmhost -Standard | Get-SecurityPolicy | Set-SecurityPolicy -ForgedTransmits $false',
    },
    references: { scg: ['network-reject-forged-transmit-standardswitch'], stig: ['ESXI-80-000216'] },
    params: noParams,
  },
  'forgedTransmits',
);
