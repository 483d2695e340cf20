import type { z } from 'zod';
import { unknown, type UnknownFact, type VlanMembership } from '../../../src/core/model/index.js';
import { compact } from './map-context.js';

/** A VM or host adapter's VLAN setting as the collector's VlanEntry reports it (Get-VMNetworkAdapterVlan). */
export interface VlanSettingDoc {
  vlanMode?: string | null;
  accessVlanId?: number | null;
  nativeVlanId?: number | null;
  allowedVlanIds: number[];
  privateVlanMode?: string | null;
  primaryVlanId?: number | null;
  secondaryVlanIds: number[];
}

/** The access VLAN, or null: untagged (access VLAN 0 included), or a trunk / private port. */
export function accessVlanId(v: VlanSettingDoc): number | null {
  return v.vlanMode === 'Access' && typeof v.accessVlanId === 'number' && v.accessVlanId > 0 ? v.accessVlanId : null;
}

const positive = (ids: (number | null | undefined)[]) =>
  [...new Set(ids.filter((id): id is number => typeof id === 'number' && id > 0))].sort((a, b) => a - b);

/**
 * The VLANs the port carries (Microsoft Learn, Set-VMNetworkAdapterVlan): a trunk carries AllowedVlanIdList and its
 * NativeVlanId (untagged frames join the native VLAN); a private-VLAN port its primary and secondary VLANs. No mode
 * reported: left out (not reported), never read as untagged.
 */
function vlanMembership(v: VlanSettingDoc): z.infer<typeof VlanMembership> | undefined {
  switch (v.vlanMode) {
    case 'Untagged':
      return { mode: 'Untagged', ids: [], untagged: true };
    case 'Access': {
      const id = accessVlanId(v);
      return { mode: 'Access', ids: id === null ? [] : [id], untagged: id === null };
    }
    case 'Trunk':
      return compact({
        mode: 'Trunk',
        ids: positive([...v.allowedVlanIds, v.nativeVlanId]),
        untagged: !(typeof v.nativeVlanId === 'number' && v.nativeVlanId > 0),
        nativeVlanId: v.nativeVlanId,
      });
    case 'Private':
      return compact({
        mode: 'Private',
        ids: positive([v.primaryVlanId, ...v.secondaryVlanIds]),
        untagged: false,
        privateVlanMode: v.privateVlanMode,
      });
    default:
      return undefined;
  }
}

/**
 * The port's VLAN membership, or unknown naming `port` and what Get-VMNetworkAdapterVlan gave instead of an
 * OperationMode it documents (Untagged, Access, Trunk, Private).
 */
export function vlanFact(v: VlanSettingDoc, port: string): z.infer<typeof VlanMembership> | UnknownFact {
  return (
    vlanMembership(v) ??
    unknown(
      v.vlanMode
        ? `Get-VMNetworkAdapterVlan gave OperationMode "${v.vlanMode}" for ${port}, none of Untagged, Access, Trunk, Private`
        : `Get-VMNetworkAdapterVlan gave no OperationMode for ${port}`,
    )
  );
}
