import type { z } from 'zod';
import { isKnown, isUnknown, type EsxiNetwork, type UnknownFact } from '../../core/model/index.js';
import type { RuleMeta } from './advanced-option.js';
import { defineRule, result, type RuleDefinition, type RuleResult } from './define.js';
import { verdict, withFact } from './esxi-facts.js';

export type SecurityPolicyField = 'allowPromiscuous' | 'macChanges' | 'forgedTransmits';

const LABEL: Record<SecurityPolicyField, string> = {
  allowPromiscuous: 'promiscuous mode',
  macChanges: 'MAC address changes',
  forgedTransmits: 'forged transmits',
};

/**
 * One standard-switch security policy must be Reject, on every vSwitch and every port group (a port group without
 * its own value inherits the switch's). One result per vSwitch and per port group, named as the subject.
 */
export function defineSecurityPolicyRule<P extends z.ZodType>(
  meta: RuleMeta<P>,
  field: SecurityPolicyField,
): RuleDefinition<P, 'esxi'> {
  const label = LABEL[field];
  return defineRule({
    ...meta,
    platforms: ['esxi'],
    evaluate: (esxi) =>
      withFact('exposure.network', esxi.exposure.network, (network) => {
        const results: RuleResult[] = [];
        const switchValue = new Map(network.vswitches.map((s) => [s.name, s.policy[field]]));
        const judge = (path: string, subject: string, value: boolean | undefined) => {
          if (value === undefined)
            return result.unknown(path, `${label} setting of ${subject} was not reported`, subject);
          return verdict(
            !value,
            path,
            { pass: `${subject}: ${label} is Reject`, fail: `${subject}: ${label} is Accept; expected Reject` },
            value ? 'Accept' : 'Reject',
            'Reject',
            subject,
          );
        };
        for (const vswitch of network.vswitches) {
          results.push(
            judge(
              `exposure.network.vswitches[${vswitch.name}].policy.${field}`,
              `vSwitch ${vswitch.name}`,
              vswitch.policy[field],
            ),
          );
        }
        for (const pg of network.portgroups) {
          const value = pg.policy[field] ?? switchValue.get(pg.vswitch);
          results.push(
            judge(`exposure.network.portgroups[${pg.name}].policy.${field}`, `port group ${pg.name}`, value),
          );
        }
        if (results.length === 0)
          return result.notApplicable('exposure.network.vswitches', 'host has no standard vSwitch');
        return results;
      }),
  });
}

type Portgroup = EsxiNetwork['portgroups'][number];
type Vmknic = EsxiNetwork['vmknics'][number];

/** VLAN 0 (untagged) means the same segment only within one vSwitch's uplinks. */
function sameSegment(pg: Portgroup, vlanId: number, other: Portgroup): boolean | UnknownFact {
  if (isUnknown(other.vlanId)) return other.vlanId;
  return other.vlanId === vlanId && (vlanId !== 0 || other.vswitch === pg.vswitch);
}

/** True, false, or the reason it cannot be told: both parts must hold, and a known false on either settles it. */
function both(a: boolean | UnknownFact, b: boolean | UnknownFact): boolean | UnknownFact {
  if (a === false || b === false) return false;
  return isUnknown(a) ? a : b;
}

/**
 * Isolation of the VMkernel NICs that carry one service (management, vmotion): each must sit on a port group with no
 * VM NICs, on a VLAN that no VM port group uses, and on the dedicated VLAN when the site names one. One result per vmk;
 * a vmk whose roles were not read is one unknown result, as is a vmk whose isolation hangs on an unread count or VLAN.
 */
export function vmkIsolation(
  network: EsxiNetwork,
  service: string,
  dedicatedVlan: number | undefined,
  otherServices: readonly string[] = [],
): RuleResult[] {
  const tagged = network.vmknics.filter((v) => isKnown(v.services) && v.services.includes(service));
  const unread = network.vmknics.flatMap((v) =>
    isUnknown(v.services)
      ? [result.unknown(`exposure.network.vmknics[${v.device}].services`, v.services, v.device)]
      : [],
  );
  return [...tagged.map((vmk) => isolation(network, vmk, service, dedicatedVlan, otherServices)), ...unread];
}

/** Why a VMkernel NIC without a standard port group cannot be judged: distributed port groups are not collected. */
function onDistributedSwitch(vmk: Vmknic): string {
  const port = vmk.distributedPort;
  if (!port) return `${vmk.device} reported no port group`;
  const group = port.portgroupKey ? `port group ${port.portgroupKey}` : 'a port outside any port group';
  return `${vmk.device} is on distributed switch ${port.switchUuid}, ${group}: hvscan does not collect distributed port groups (their VLAN and VM NICs)`;
}

function isolation(
  network: EsxiNetwork,
  vmk: Vmknic,
  service: string,
  dedicatedVlan: number | undefined,
  otherServices: readonly string[],
): RuleResult {
  const path = `exposure.network.vmknics[${vmk.device}]`;
  const subject = vmk.device;
  const name = vmk.portgroup;
  if (name === undefined) return result.unknown(path, onDistributedSwitch(vmk), subject);
  if (isUnknown(name)) return result.unknown(path, name, subject);
  const pg = network.portgroups.find((p) => p.name === name);
  if (!pg)
    return result.unknown(
      path,
      `port group ${name} of ${vmk.device} is not a standard port group in the facts`,
      subject,
    );
  if (isUnknown(pg.vmCount))
    return result.unknown(path, `VM count of port group ${pg.name}: ${pg.vmCount.reason}`, subject);
  if (isUnknown(pg.vlanId)) return result.unknown(path, pg.vlanId, subject);
  const { vmCount, vlanId } = pg;
  const problems: string[] = [];
  const doubts: string[] = [];
  if (vmCount > 0) problems.push(`port group ${pg.name} also carries ${vmCount} VM NIC(s)`);
  const sharing = network.portgroups
    .filter((o) => o.name !== pg.name)
    .map((o) => ({ o, shares: both(isUnknown(o.vmCount) ? o.vmCount : o.vmCount > 0, sameSegment(pg, vlanId, o)) }));
  const shared = sharing.filter(({ shares }) => shares === true).map(({ o }) => o.name);
  if (shared.length > 0) problems.push(`VLAN ${vlanId} is shared with VM port group(s) ${shared.join(', ')}`);
  for (const { o, shares } of sharing) if (isUnknown(shares)) doubts.push(`port group ${o.name}: ${shares.reason}`);
  if (dedicatedVlan !== undefined && vlanId !== dedicatedVlan)
    problems.push(`VLAN ${vlanId} is not the dedicated VLAN ${dedicatedVlan}`);
  const neighbours = network.vmknics.filter((o) => o.device !== vmk.device && o.portgroup === pg.name);
  const mixed = neighbours.flatMap((o) =>
    isKnown(o.services) && o.services.some((s) => otherServices.includes(s))
      ? [`${o.device} (${o.services.join(', ')})`]
      : [],
  );
  if (mixed.length > 0) problems.push(`port group ${pg.name} also carries ${mixed.join(', ')}`);
  for (const o of neighbours)
    if (isUnknown(o.services)) doubts.push(`${o.device} on the same port group: ${o.services.reason}`);
  // A NIC whose port group is unknown may be a neighbour carrying another service.
  for (const o of network.vmknics)
    if (
      o.device !== vmk.device &&
      isUnknown(o.portgroup) &&
      (isUnknown(o.services) || o.services.some((s) => otherServices.includes(s)))
    )
      doubts.push(`${o.device} may be on port group ${pg.name}: ${o.portgroup.reason}`);
  const observed = { portgroup: pg.name, vswitch: pg.vswitch, vlanId, vmCount };
  const expected = {
    vmCount: 0,
    vlanSharedWithVms: false,
    ...(dedicatedVlan !== undefined ? { vlanId: dedicatedVlan } : {}),
  };
  if (problems.length > 0)
    return result.fail(
      path,
      `${vmk.device} (${service}) is not isolated: ${problems.join('; ')}`,
      observed,
      expected,
      subject,
    );
  if (doubts.length > 0)
    return result.unknown(path, `${vmk.device} (${service}) may not be isolated: ${doubts.join('; ')}`, subject);
  return result.pass(
    path,
    `${vmk.device} (${service}) is isolated on port group ${pg.name}, VLAN ${vlanId}`,
    observed,
    expected,
    subject,
  );
}
