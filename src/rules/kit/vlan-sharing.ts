import { isUnknown, type HypervHostFacts, type VlanMembership } from '../../core/model/index.js';

type VmAdapter = Extract<HypervHostFacts['hyperv']['vmNetworkAdapters'], unknown[]>[number];

/** What a management port shares with the VM adapters of its switch (access, trunk and private VLANs compared as sets). */
export interface VlanSharing {
  /** The VLANs the port shares with at least one VM adapter, sorted, and whether untagged frames are shared too. */
  ids: number[];
  untagged: boolean;
  /** VMs with an adapter on a shared VLAN. */
  vms: string[];
  /** Why the VLANs of some adapters on the switch are unknown (each reason names its VM): they may share anything. */
  unreported: string[];
}

/** What two ports share: the VLANs both carry, and untagged frames when both carry them. */
function shared(a: VlanMembership, b: VlanMembership) {
  return { ids: a.ids.filter((id) => b.ids.includes(id)), untagged: a.untagged && b.untagged };
}

/**
 * One management port against the VM adapters on its switch; the rules on management exposure share this reading.
 * `unread` (unreadAdapterReasons): VMs whose adapters were not read may have one on this switch, so they are unreported.
 */
export function vlanSharing(
  port: VlanMembership,
  switchName: string,
  adapters: readonly VmAdapter[],
  unread: readonly string[],
): VlanSharing {
  const ids = new Set<number>();
  const vms = new Set<string>();
  const unreported = [...unread];
  let untagged = false;
  // An adapter not connected to a switch (no switchName) shares no segment with anything.
  for (const a of adapters.filter((x) => x.switchName === switchName)) {
    if (isUnknown(a.vlan)) {
      unreported.push(a.vlan.reason);
      continue;
    }
    const common = shared(port, a.vlan);
    if (common.ids.length === 0 && !common.untagged) continue;
    vms.add(a.vm);
    common.ids.forEach((id) => ids.add(id));
    untagged ||= common.untagged;
  }
  return { ids: [...ids].sort((a, b) => a - b), untagged, vms: [...vms], unreported };
}

export const vlanLabel = (s: { ids: number[]; untagged: boolean }) =>
  [...s.ids.map((id) => `VLAN ${id}`), ...(s.untagged ? ['untagged'] : [])].join(', ') || 'no VLAN';
