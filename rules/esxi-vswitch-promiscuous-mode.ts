import { noParams } from '../src/rules/kit/define.js';
import { defineSecurityPolicyRule } from '../src/rules/kit/esxi-network.js';

export default defineSecurityPolicyRule(
  {
    id: 'esxi-vswitch-promiscuous-mode',
    title: 'A standard vSwitch or port group accepts promiscuous mode',
    severity: 'medium',
    category: 'network',
    rationale: "A VM NIC in promiscuous mode receives every frame on the port group, including other VMs' traffic.",
    risk: 'VMs can sniff traffic of other VMs and the management network.',
    remediation: {
      text: 'Set promiscuous mode to Reject on every standard vSwitch and remove port group overrides that accept it.',
      esxcli: 'esxcli network vswitch standard policy security set -v vSwitch0 --allow-promiscuous=false',
      powercli:
        'Get-VirtualSwitch -VMHost $vmhost -Standard | Get-SecurityPolicy | Set-SecurityPolicy -AllowPromiscuous $false',
    },
    references: { scg: ['network-reject-promiscuous-mode-standardswitch'], stig: ['ESXI-80-000218'] },
    params: noParams,
  },
  'allowPromiscuous',
);
