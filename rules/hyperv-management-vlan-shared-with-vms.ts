import { defineRule, isUnknown, noParams, result } from '../src/rules/define.js';

const vlanLabel = (vlan: number | null) => (vlan === null ? 'untagged' : `VLAN ${vlan}`);

export default defineRule({
  id: 'hyperv-management-vlan-shared-with-vms',
  title: 'A management-OS vNIC sits on the same switch and VLAN as VM adapters',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale: 'A host vNIC and VM adapters on the same switch and VLAN (or both untagged) share one layer-2 segment: the management OS is directly reachable from those VMs.',
  risk: 'A compromised VM attacks the management partition, which controls every VM, without crossing a router or firewall.',
  remediation: { text: 'Put management vNICs on a VLAN no VM uses, or on a switch without VMs.', powershell: "Set-VMNetworkAdapterVlan -ManagementOS -VMNetworkAdapterName '<vnic>' -Access -VlanId <mgmt-vlan>" },
  references: { bpa: ['Reserve one or more external virtual networks for exclusive use by virtual machines'], urls: ['https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server'] },
  params: noParams,
  evaluate(facts) {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', 'Hyper-V only');
    const vnics = facts.exposure.hostVnics;
    if (isUnknown(vnics)) return result.unknown('exposure.hostVnics', vnics);
    if (vnics.length === 0) return result.pass('exposure.hostVnics', 'The management OS has no vNIC on a virtual switch.', [], []);
    const adapters = facts.hyperv.vmNetworkAdapters;
    if (adapters === undefined) return result.unknown('hyperv.vmNetworkAdapters', 'VM network adapters were not collected');
    if (isUnknown(adapters)) return result.unknown('hyperv.vmNetworkAdapters', adapters);
    return vnics.map((v) => {
      const sharing = adapters.filter((a) => a.switchName === v.switchName && a.vlanId === v.vlanId).map((a) => a.vm);
      const path = `exposure.hostVnics[${v.name}]`;
      return sharing.length > 0
        ? result.fail(path, `Host vNIC ${v.name} shares switch ${v.switchName}, ${vlanLabel(v.vlanId)}, with VMs ${[...new Set(sharing)].join(', ')}.`, { switch: v.switchName, vlan: v.vlanId, vms: sharing }, 'no VM on the management VLAN', v.name)
        : result.pass(path, `No VM shares ${v.switchName}, ${vlanLabel(v.vlanId)}, with host vNIC ${v.name}.`, { switch: v.switchName, vlan: v.vlanId, vms: [] }, 'no VM on the management VLAN', v.name);
    });
  },
});
