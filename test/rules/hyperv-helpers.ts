import type { HypervHostFacts, UnknownFact } from '../../src/core/model/index.js';

export type VmAdapter = Exclude<HypervHostFacts['hyperv']['vmNetworkAdapters'], UnknownFact>[number];

/** One VM network adapter with every control in place (guards on, no spoofing or mirroring, access VLAN 20). */
export function vmAdapter(vm: string, overrides: Partial<VmAdapter> = {}): VmAdapter {
  return {
    vm,
    switchName: 'vSwitch-VM',
    macAddressSpoofing: false,
    dhcpGuard: true,
    routerGuard: true,
    vlanId: 20,
    vlan: { mode: 'Access', ids: [20], untagged: false },
    portMirroring: 'None',
    ...overrides,
  };
}
