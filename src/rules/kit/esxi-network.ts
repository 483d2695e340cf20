import type { z } from 'zod';
import type { EsxiNetwork } from '../../core/model/index.js';
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
export function defineSecurityPolicyRule<P extends z.ZodType>(meta: RuleMeta<P>, field: SecurityPolicyField): RuleDefinition<P, 'esxi'> {
  const label = LABEL[field];
  return defineRule({
    ...meta,
    platforms: ['esxi'],
    evaluate: (esxi) =>
      withFact('exposure.network', esxi.exposure.network, (network) => {
        const results: RuleResult[] = [];
        const switchValue = new Map(network.vswitches.map((s) => [s.name, s.policy[field]]));
        const judge = (path: string, subject: string, value: boolean | undefined) => {
          if (value === undefined) return result.unknown(path, `${label} setting of ${subject} was not reported`, subject);
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
          results.push(judge(`exposure.network.vswitches[${vswitch.name}].policy.${field}`, `vSwitch ${vswitch.name}`, vswitch.policy[field]));
        }
        for (const pg of network.portgroups) {
          const value = pg.policy[field] ?? switchValue.get(pg.vswitch);
          results.push(judge(`exposure.network.portgroups[${pg.name}].policy.${field}`, `port group ${pg.name}`, value));
        }
        if (results.length === 0) return result.notApplicable('exposure.network.vswitches', 'host has no standard vSwitch');
        return results;
      }),
  });
}

/**
 * Isolation of the VMkernel NICs that carry one service (management, vmotion): each must sit on a port group with no
 * VM NICs, on a VLAN that no VM port group uses, and on the dedicated VLAN when the site names one. One result per vmk.
 */
export function vmkIsolation(
  network: EsxiNetwork,
  service: string,
  dedicatedVlan: number | undefined,
  otherServices: readonly string[] = [],
): RuleResult[] {
  const pgByName = new Map(network.portgroups.map((pg) => [pg.name, pg]));
  const vmks = network.vmknics.filter((v) => v.services.includes(service));
  return vmks.map((vmk) => {
    const path = `exposure.network.vmknics[${vmk.device}]`;
    const subject = vmk.device;
    const pg = pgByName.get(vmk.portgroup);
    if (!pg) return result.unknown(path, `port group ${vmk.portgroup} of ${vmk.device} is not a standard port group in the facts`, subject);
    if (pg.vmCount === undefined) return result.unknown(path, `VM count of port group ${pg.name} was not collected`, subject);
    const problems: string[] = [];
    if (pg.vmCount > 0) problems.push(`port group ${pg.name} also carries ${pg.vmCount} VM NIC(s)`);
    // VLAN 0 (untagged) means the same segment only within one vSwitch's uplinks.
    const sharing = network.portgroups.filter(
      (o) => o.name !== pg.name && (o.vmCount ?? 0) > 0 && o.vlanId === pg.vlanId && (pg.vlanId !== 0 || o.vswitch === pg.vswitch),
    );
    if (sharing.length > 0) problems.push(`VLAN ${pg.vlanId} is shared with VM port group(s) ${sharing.map((o) => o.name).join(', ')}`);
    if (dedicatedVlan !== undefined && pg.vlanId !== dedicatedVlan) problems.push(`VLAN ${pg.vlanId} is not the dedicated VLAN ${dedicatedVlan}`);
    const mixed = network.vmknics.filter(
      (o) => o.device !== vmk.device && o.portgroup === pg.name && o.services.some((s) => otherServices.includes(s)),
    );
    if (mixed.length > 0) problems.push(`port group ${pg.name} also carries ${mixed.map((o) => `${o.device} (${o.services.join(', ')})`).join(', ')}`);
    const observed = { portgroup: pg.name, vswitch: pg.vswitch, vlanId: pg.vlanId, vmCount: pg.vmCount };
    const expected = { vmCount: 0, vlanSharedWithVms: false, ...(dedicatedVlan !== undefined ? { vlanId: dedicatedVlan } : {}) };
    return problems.length === 0
      ? result.pass(path, `${vmk.device} (${service}) is isolated on port group ${pg.name}, VLAN ${pg.vlanId}`, observed, expected, subject)
      : result.fail(path, `${vmk.device} (${service}) is not isolated: ${problems.join('; ')}`, observed, expected, subject);
  });
}
