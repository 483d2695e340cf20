import type { HypervHostFacts } from '../src/core/model/index.js';
import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { hypervRoleMissing, unreadAdapterReasons } from '../src/rules/kit/helpers.js';
import { vlanLabel, vlanSharing } from '../src/rules/kit/vlan-sharing.js';

/** SSH, RPC, SMB, RDP, WinRM, Replica HTTP(S), live migration (6600 per the reference, unverified). */
const MANAGEMENT_PORTS = new Set([22, 80, 135, 443, 445, 3389, 5985, 5986, 6600]);
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '*', '[::]']);

type HostVnic = Extract<HypervHostFacts['exposure']['hostVnics'], unknown[]>[number];

/**
 * Management ports the VMs on this switch can reach: listening on any address or on an address of the switch's host
 * vNICs. A vNIC whose addresses are unknown is named in `uncounted` with the reason: ports bound only to it are missing.
 */
function reachablePorts(facts: HypervHostFacts, vnics: readonly HostVnic[]) {
  if (isUnknown(facts.exposure.listening)) return undefined;
  const vnicIps = new Set(vnics.flatMap((v) => (isUnknown(v.ips) ? [] : v.ips)));
  const uncounted = vnics.flatMap((v) => (isUnknown(v.ips) ? [`host vNIC ${v.name} (${v.ips.reason})`] : []));
  const ports = facts.exposure.listening
    .filter((l) => MANAGEMENT_PORTS.has(l.port) && (ANY_ADDRESS.has(l.address) || vnicIps.has(l.address)))
    .map((l) => l.port);
  return { ports: [...new Set(ports)].sort((a, b) => a - b), uncounted };
}

/** What the fail message says about the management ports those VMs reach. */
function reachNote(reachable: ReturnType<typeof reachablePorts>): string {
  if (!reachable) return ' Listening ports are unknown.';
  const { ports, uncounted } = reachable;
  return (
    (ports.length > 0 ? ` Management ports reachable from those VMs: ${ports.join(', ')}.` : '') +
    (uncounted.length > 0 ? ` Ports bound only to the addresses of ${uncounted.join('; ')} are not counted.` : '')
  );
}

export default defineRule({
  id: 'hyperv-management-os-shares-vm-switch',
  title: 'The management OS shares a VLAN with VMs on an external virtual switch',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    "With AllowManagementOS on an external switch the parent partition gets a vNIC on the VMs' switch. Microsoft's converged (SET) design does this on purpose, with the management vNIC in its own access VLAN; the management services (WinRM, RDP, SMB) face the guests only when VM adapters sit on that same VLAN (or both are untagged), the exposure hyperv-management-vlan-shared-with-vms reports per vNIC.",
  risk: 'A compromised VM can reach the management partition, which controls every VM on the host, directly over the VM network.',
  remediation: {
    text: 'Put the management vNIC in an access VLAN no VM adapter uses, or reserve the external switch for VMs and manage the host through a dedicated adapter or switch.',
    powershell:
      "Set-VMNetworkAdapterVlan -ManagementOS -VMNetworkAdapterName '<vnic>' -Access -VlanId <mgmt-vlan>; Set-VMSwitch -Name '<switch>' -AllowManagementOS $false",
  },
  references: {
    bpa: ['Reserve one or more external virtual networks for exclusive use by virtual machines'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v-virtual-switch/rdma-and-switch-embedded-teaming',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const switches = facts.exposure.switches;
    if (isUnknown(switches)) return result.unknown('exposure.switches', switches);
    const external = switches.filter((s) => /^external$/i.test(s.switchType));
    if (external.length === 0) {
      return (
        hypervRoleMissing(facts) ??
        result.pass('exposure.switches', 'No external virtual switch exists.', [], 'AllowManagementOS false')
      );
    }
    const vnics = facts.exposure.hostVnics;
    const adapters = facts.hyperv.vmNetworkAdapters;
    const unread = unreadAdapterReasons(facts);
    return external.map((s) => {
      const path = `exposure.switches[${s.name}].allowManagementOS`;
      if (!s.allowManagementOS)
        return result.pass(path, `External switch ${s.name} is reserved for VMs.`, false, false, s.name);
      if (isUnknown(vnics)) return result.unknown('exposure.hostVnics', vnics, s.name);
      if (isUnknown(adapters)) return result.unknown('hyperv.vmNetworkAdapters', adapters, s.name);
      // The same VLAN-set reading as hyperv-management-vlan-shared-with-vms (access, trunk and private VLANs).
      const mgmt = vnics.filter((v) => v.switchName === s.name);
      const unreported = mgmt.find((v) => isUnknown(v.vlan));
      if (unreported && isUnknown(unreported.vlan))
        return result.unknown(`exposure.hostVnics[${unreported.name}].vlan`, unreported.vlan, s.name);
      const vlans = mgmt.flatMap((v) => (isUnknown(v.vlan) ? [] : [v.vlan]));
      const readings = vlans.map((vlan) => vlanSharing(vlan, s.name, adapters, unread));
      const vms = [...new Set(readings.flatMap((r) => r.vms))];
      const managementVlans = vlans.map((vlan) => vlanLabel(vlan));
      if (vms.length === 0) {
        const unknownVlans = [...new Set(readings.flatMap((r) => r.unreported))];
        if (unknownVlans.length > 0)
          return result.unknown(
            path,
            `the VLANs of VM adapters on ${s.name} are unknown: ${unknownVlans.join('; ')}`,
            s.name,
          );
        const where = mgmt.length > 0 ? `in ${managementVlans.join(', ')}` : 'without a vNIC';
        return result.pass(
          path,
          `External switch ${s.name} carries the management OS ${where}, a VLAN no VM adapter on it uses.`,
          { allowManagementOS: true, managementVlans },
          'no VM adapter on a management VLAN',
          s.name,
        );
      }
      const reachable = reachablePorts(facts, mgmt);
      const ports = reachable?.ports;
      const ids = [...new Set(readings.flatMap((r) => r.ids))].sort((x, y) => x - y);
      const sharedVlans = [...ids.map((id) => `VLAN ${id}`), ...(readings.some((r) => r.untagged) ? ['untagged'] : [])];
      return result.fail(
        path,
        `External switch ${s.name} carries the management OS on ${sharedVlans.join(', ')}, shared with VMs ${vms.join(', ')}.${reachNote(reachable)}`,
        { allowManagementOS: true, sharedVlans, vms, managementPorts: ports ?? null },
        'no VM adapter on a management VLAN',
        s.name,
      );
    });
  },
});
