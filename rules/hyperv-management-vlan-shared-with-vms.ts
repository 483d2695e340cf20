import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { unreadAdapterReasons } from '../src/rules/kit/helpers.js';
import { vlanLabel, vlanSharing } from '../src/rules/kit/vlan-sharing.js';

export default defineRule({
  id: 'hyperv-management-vlan-shared-with-vms',
  title: 'A management-OS vNIC sits on the same switch and VLAN as VM adapters',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'A host vNIC and VM adapters on the same switch that carry a common VLAN (access, trunk or private VLAN) or both carry untagged frames share one layer-2 segment: the management OS is directly reachable from those VMs.',
  risk: 'A compromised VM attacks the management partition, which controls every VM, without crossing a router or firewall.',
  remediation: {
    text: 'Put management vNICs on a VLAN no VM uses, or on a switch without VMs.',
    powershell: "Set-VMNetworkAdapterVlan -ManagementOS -VMNetworkAdapterName '<vnic>' -Access -VlanId <mgmt-vlan>",
  },
  references: {
    bpa: ['Reserve one or more external virtual networks for exclusive use by virtual machines'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/powershell/module/hyper-v/set-vmnetworkadaptervlan',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const vnics = facts.exposure.hostVnics;
    if (isUnknown(vnics)) return result.unknown('exposure.hostVnics', vnics);
    if (vnics.length === 0)
      return result.pass('exposure.hostVnics', 'The management OS has no vNIC on a virtual switch.', [], []);
    const adapters = facts.hyperv.vmNetworkAdapters;
    if (isUnknown(adapters)) return result.unknown('hyperv.vmNetworkAdapters', adapters);
    const unread = unreadAdapterReasons(facts);
    return vnics.map((v) => {
      const path = `exposure.hostVnics[${v.name}]`;
      // A port whose VLAN membership is unknown is not "untagged": it may carry any VLAN.
      const mine = v.vlan;
      if (isUnknown(mine)) return result.unknown(`${path}.vlan`, mine, v.name);
      const { ids, untagged, vms, unreported } = vlanSharing(mine, v.switchName, adapters, unread);
      const observed = { switch: v.switchName, vlans: ids, untagged, vms };
      if (vms.length === 0 && unreported.length > 0) {
        return result.unknown(
          path,
          `the VLANs of VM adapters on ${v.switchName} are unknown: ${unreported.join('; ')}`,
          v.name,
        );
      }
      return vms.length > 0
        ? result.fail(
            path,
            `Host vNIC ${v.name} shares switch ${v.switchName}, ${vlanLabel({ ids, untagged })}, with VMs ${vms.join(', ')}.`,
            observed,
            'no VM on the management VLAN',
            v.name,
          )
        : result.pass(
            path,
            `No VM shares ${v.switchName}, ${vlanLabel(mine)}, with host vNIC ${v.name}.`,
            observed,
            'no VM on the management VLAN',
            v.name,
          );
    });
  },
});
