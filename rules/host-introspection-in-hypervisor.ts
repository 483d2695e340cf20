import { z } from 'zod';
import { isUnknown, type HostFacts } from '../src/model/index.js';
import { defineRule, result, type RuleResult } from '../src/rules/define.js';

const SOURCE = 'https://github.com/vmware/vcf-security-and-compliance-guidelines';

/**
 * Hyper-V's hypervisor has no interface for third-party modules (Microsoft Learn, Hypervisor TLFS glossary: device
 * drivers and the virtualization stack run in the root partition). What sees into VMs there runs in the management OS,
 * and the rules named below check it.
 */
const HYPERV_NOT_APPLICABLE =
  "Hyper-V's hypervisor image (hvix64.exe / hvax64.exe) loads no third-party modules: code with reach into VMs runs " +
  'beside it in the root partition, checked by hyperv-switch-extension-third-party, hyperv-ndis-filter-third-party and ' +
  'hyperv-minifilter-third-party.';

interface Hit {
  subject: string;
  path: string;
  observed: string[];
  message: string;
  unverified?: boolean;
}

type VibNameSets = { vibNames: Set<string>; unverified: Set<string>; partnerVibs: Set<string> };

// Lower-cased once per params object (the engine resolves params once per run), not once per host.
const nameSets = new WeakMap<object, VibNameSets>();

function vibNameSets(params: { vibNames: string[]; unverifiedVibNames: string[]; partnerVibNames: string[] }): VibNameSets {
  let sets = nameSets.get(params);
  if (!sets) {
    const lower = (list: string[]) => new Set(list.map((n) => n.toLowerCase()));
    sets = { vibNames: lower(params.vibNames), unverified: lower(params.unverifiedVibNames), partnerVibs: lower(params.partnerVibNames) };
    nameSets.set(params, sets);
  }
  return sets;
}

export default defineRule({
  id: 'host-introspection-in-hypervisor',
  title: 'Antivirus or introspection code runs at hypervisor level with reach into every VM',
  severity: 'high',
  platforms: ['esxi', 'hyperv'],
  category: 'trust-boundaries',
  rationale:
    'Hypervisor-level antivirus and guest introspection (vShield Endpoint / NSX Guest Introspection MUX, dvfilter partner drivers, agents whose scope is the hypervisor) relay every protected VM\'s file and process events to one security component. That component sees into all VMs at once.',
  risk: 'An exploited AV has access to every VM: a bug in the MUX, the partner service VM or the agent turns into a path across every guest on the host.',
  remediation: {
    text: 'Prefer in-guest security agents; where introspection is required, keep the MUX and partner service VM patched, isolated on their own network, and limited to the hosts that need them.',
    esxcli: 'esxcli software vib list | grep -i -E "epsec|dsa|context-mux"',
  },
  references: {
    urls: [
      'https://knowledge.broadcom.com/external/article/330057',
      SOURCE,
      'https://learn.microsoft.com/virtualization/hyper-v-on-windows/reference/tlfs',
    ],
  },
  params: z
    .object({
      vibNames: z.array(z.string()).default(['epsec-mux', 'dvfilter-dsa']).describe('VIB names of guest-introspection / hypervisor AV layers.'),
      /** VIB names not confirmed by a public source: findings say so. */
      unverifiedVibNames: z.array(z.string()).default(['dvfilter-dsa']).describe('VIB names not confirmed by a public source; their findings are marked unverified.'),
      /** Present on every NSX-prepared host; a finding only together with a partner service VM. */
      partnerVibNames: z.array(z.string()).default(['nsx-context-mux']).describe('VIBs present on every NSX-prepared host: a finding only with a partner service VM on the host.'),
      serviceNames: z.array(z.string()).default(['vShield-Endpoint-Mux']).describe('Host services of the vShield Endpoint MUX.'),
      rulesetNames: z.array(z.string()).default(['vShield-Endpoint-Mux', 'vShield-Endpoint-Mux-Partners']).describe('Firewall rulesets of the vShield Endpoint MUX.'),
    })
    .strict(),
  evaluate(facts, params) {
    if (facts.platform === 'hyperv') return result.notApplicable('hyperv.hypervisorBinary', HYPERV_NOT_APPLICABLE);
    const hits: Hit[] = [];
    const unknownReasons: string[] = [];
    if (facts.platform === 'esxi') esxiIndicators(facts, params, vibNameSets(params), hits, unknownReasons);

    if (isUnknown(facts.agents)) unknownReasons.push(`agents: ${facts.agents.reason}`);
    else {
      for (const agent of facts.agents.filter((a) => a.scope === 'hypervisor')) {
        const already = hits.some((h) => agent.evidence.some((e) => e.toLowerCase().includes(h.subject.toLowerCase())));
        if (already) continue;
        hits.push({
          subject: agent.name,
          path: `agents[${agent.name}]`,
          observed: agent.evidence,
          message: `${agent.kind} agent ${agent.name}${agent.vendor ? ` (${agent.vendor})` : ''} runs at hypervisor level.`,
        });
      }
    }

    if (hits.length > 0) {
      return hits.map((h): RuleResult => {
        const r = result.fail(h.path, `${h.message} An exploited AV has access to every VM.`, h.observed, 'no introspection layer in the hypervisor', h.subject);
        if (h.unverified) r.evidence.unverified = true;
        return r;
      });
    }
    if (unknownReasons.length > 0) return result.unknown('agents', unknownReasons.join('; '));
    return result.pass('agents', 'No hypervisor-level antivirus or introspection layer was found.', [], 'none');
  },
});

function esxiIndicators(
  facts: Extract<HostFacts, { platform: 'esxi' }>,
  params: { serviceNames: string[]; rulesetNames: string[] },
  names: VibNameSets,
  hits: Hit[],
  unknownReasons: string[],
): void {
  if (isUnknown(facts.drivers)) unknownReasons.push(`drivers: ${facts.drivers.reason}`);
  else {
    for (const vib of facts.drivers.filter((d) => d.inHypervisor)) {
      const name = vib.name.toLowerCase();
      const observed = [`${vib.name} ${vib.version ?? ''} ${vib.vendor ?? ''}`.trim()];
      if (names.vibNames.has(name)) {
        const isUnverified = names.unverified.has(name);
        hits.push({
          subject: vib.name,
          path: `drivers[${vib.name}]`,
          observed,
          message: `Guest-introspection VIB ${vib.name} is installed in the hypervisor${isUnverified ? ' (this VIB name is unverified in public sources)' : ''}.`,
          unverified: isUnverified || undefined,
        });
      } else if (names.partnerVibs.has(name)) {
        const vms = facts.vms;
        if (isUnknown(vms)) unknownReasons.push(`${vib.name} is installed but VMs are unknown (${vms.reason})`);
        else {
          const svms = vms.items.filter((vm) => vm.serviceVm === true);
          if (svms.length > 0) {
            hits.push({
              subject: vib.name,
              path: `drivers[${vib.name}]`,
              observed: [...observed, ...svms.map((vm) => `partner service VM ${vm.name}`)],
              message: `NSX context MUX ${vib.name} is installed and partner service VM ${svms.map((v) => v.name).join(', ')} runs on the host.`,
            });
          }
        }
      }
    }
  }
  const services = facts.services;
  if (isUnknown(services)) unknownReasons.push(`services: ${services.reason}`);
  else {
    const wanted = new Set(params.serviceNames.map((n) => n.toLowerCase()));
    for (const svc of services.filter((s) => wanted.has(s.name.toLowerCase()))) {
      hits.push({ subject: svc.name, path: `services[${svc.name}]`, observed: [`service ${svc.name}`], message: `The vShield Endpoint MUX service ${svc.name} exists on the host.` });
    }
  }
  const firewall = facts.exposure.firewall;
  if (isUnknown(firewall)) unknownReasons.push(`exposure.firewall: ${firewall.reason}`);
  else {
    const wanted = new Set(params.rulesetNames.map((n) => n.toLowerCase()));
    const rulesets = firewall.rulesets.filter((r) => wanted.has(r.key.toLowerCase()));
    if (rulesets.length > 0 && !hits.some((h) => wanted.has(h.subject.toLowerCase()))) {
      hits.push({
        subject: rulesets[0]!.key,
        path: `exposure.firewall.rulesets[${rulesets[0]!.key}]`,
        observed: rulesets.map((r) => `ruleset ${r.key}${r.enabled === true ? ' (enabled)' : isUnknown(r.enabled) ? ' (enabled state not reported)' : ''}`),
        message: `Firewall ruleset ${rulesets.map((r) => r.key).join(', ')} of the vShield Endpoint MUX exists on the host.`,
      });
    }
  }
}
