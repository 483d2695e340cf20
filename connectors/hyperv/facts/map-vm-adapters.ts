import type { z } from 'zod';
import { isUnknown, unknown, type HypervDetails, type UnknownFact } from '../../../src/core/model/index.js';
import type { Sections } from '../collector/document.js';
import { compact, read, REQUIRES_ADMIN, type MapContext } from './map-context.js';
import { accessVlanId, vlanFact } from './map-vlan.js';

type Adapters = z.infer<typeof HypervDetails>['vmNetworkAdapters'];
type AdapterDoc = Sections['vms']['items'][number]['adapters'][number];

/** OnOffState (Microsoft Learn, Set-VMNetworkAdapter -MacAddressSpoofing / -DhcpGuard / -RouterGuard): On or Off. */
function onOff(value: string | null | undefined, property: string, port: string): boolean | UnknownFact {
  if (value === 'On') return true;
  if (value === 'Off') return false;
  return unknown(
    value
      ? `Get-VMNetworkAdapter gave ${property} "${value}" for ${port}, neither On nor Off`
      : `Get-VMNetworkAdapter gave no ${property} for ${port}`,
  );
}

const MIRRORING_MODES = ['None', 'Source', 'Destination'] as const;

/** VMNetworkAdapterPortMirroringMode (Microsoft Learn, Set-VMNetworkAdapter -PortMirroring): None, Source, Destination. */
function portMirroring(value: string | null | undefined, port: string) {
  const mode = MIRRORING_MODES.find((m) => m === value);
  if (mode) return mode;
  return unknown(
    value
      ? `Get-VMNetworkAdapter gave PortMirroringMode "${value}" for ${port}, none of ${MIRRORING_MODES.join(', ')}`
      : `Get-VMNetworkAdapter gave no PortMirroringMode for ${port}`,
  );
}

function adapter(vm: string, a: AdapterDoc): Extract<Adapters, unknown[]>[number] {
  // SwitchName is null on an adapter not connected to a switch (Disconnect-VMNetworkAdapter); an empty name is read
  // the same way. Unverified on a real host whether an unconnected adapter reports null or an empty string.
  const switchName = a.switchName || undefined;
  const port = `the adapter of VM "${vm}" ${switchName === undefined ? 'not connected to a switch' : `on switch "${switchName}"`}`;
  return {
    ...compact({ vm, switchName }),
    macAddressSpoofing: onOff(a.macSpoofing, 'MacAddressSpoofing', port),
    dhcpGuard: onOff(a.dhcpGuard, 'DhcpGuard', port),
    routerGuard: onOff(a.routerGuard, 'RouterGuard', port),
    vlanId: accessVlanId(a),
    vlan: vlanFact(a, port),
    portMirroring: portMirroring(a.portMirroring, port),
  };
}

/** The VMs' network adapters with their guards (Get-VMNetworkAdapter) and VLANs (Get-VMNetworkAdapterVlan). */
export function vmNetworkAdapters(ctx: MapContext): Adapters {
  const v = read(ctx, 'vms');
  if (isUnknown(v)) return v;
  if (v.items.length === 0 && ctx.isAdmin === false) return unknown(`${REQUIRES_ADMIN}: Get-VM returned no VMs`);
  return v.items.flatMap((vm) => vm.adapters.map((a) => adapter(vm.name, a)));
}

/** The VMs whose adapters Get-VMNetworkAdapter could not read, each with the collector's message. */
export function vmNetworkAdaptersUnread(ctx: MapContext): z.infer<typeof HypervDetails>['vmNetworkAdaptersUnread'] {
  const v = read(ctx, 'vms');
  if (isUnknown(v)) return v;
  return v.items.flatMap((vm) => (vm.adaptersError ? [{ vm: vm.name, reason: vm.adaptersError }] : []));
}
