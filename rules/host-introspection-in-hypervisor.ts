import { z } from 'zod';
import { isUnknown, type EsxiHostFacts } from '../src/core/model/index.js';
import { defineRule, result, type RuleResult } from '../src/rules/kit/define.js';

const SOURCE = 'https://github.com/vmware/vcf-security-and-compliance-guidelines';
/** The subject of VMware's own Guest Introspection MUX, whichever of its VIB, service or rulesets was seen. */
const MUX = 'guest-introspection-mux';

/**
 * Hyper-V's hypervisor has no interface for third-party modules (Microsoft Learn, Hypervisor TLFS glossary: device
 * drivers and the virtualization stack run in the root partition). What sees into VMs there runs in the management OS,
 * and the rules named below check it.
 */
const HYPERV_NOT_APPLICABLE =
  "Hyper-V's hypervisor image (hvix64.exe / hvax64.exe) loads no third-party modules: code with reach into VMs runs " +
  'beside it in the root partition, checked by hyperv-switch-extension-third-party, hyperv-ndis-filter-third-party and ' +
  'hyperv-minifilter-third-party.';

type Params = {
  muxVibNames: string[];
  thirdPartyVibNames: string[];
  unverifiedVibNames: string[];
  serviceNames: string[];
  rulesetNames: string[];
};
const lower = (list: readonly string[]) => new Set(list.map((n) => n.toLowerCase()));

/**
 * VMware's certified Guest Introspection MUX (epsec-mux, nsx-context-mux, the vShield-Endpoint-Mux service and
 * rulesets). Its VIB alone is inventory (epsec-mux also ships in the NSX-T 2.x host VIB set); the MUX running (service
 * running, a ruleset enabled) is medium; a partner service VM on the host means every protected VM is being
 * introspected: high.
 */
function muxResult(facts: EsxiHostFacts, params: Params): RuleResult | undefined {
  const vibs = isUnknown(facts.drivers)
    ? []
    : facts.drivers.filter((d) => d.inHypervisor && lower(params.muxVibNames).has(d.name.toLowerCase()));
  const serviceNames = lower(params.serviceNames);
  const services = isUnknown(facts.services)
    ? []
    : facts.services.filter((s) => serviceNames.has(s.name.toLowerCase()));
  const rulesetNames = lower(params.rulesetNames);
  const rulesets = isUnknown(facts.exposure.firewall)
    ? []
    : facts.exposure.firewall.rulesets.filter((r) => rulesetNames.has(r.key.toLowerCase()));
  if (vibs.length + services.length + rulesets.length === 0) return undefined;

  const installed = [
    ...vibs.map((v) => `VIB ${v.name} ${v.version ?? ''}`.trim()),
    ...services.map((s) => `service ${s.name}`),
    ...rulesets.map((r) => `ruleset ${r.key}`),
  ];
  const running = services.filter((s) => s.running === true);
  const enabled = rulesets.filter((r) => r.enabled === true);
  const unknowns = [
    ...services
      .filter((s) => isUnknown(s.running))
      .map((s) => `service ${s.name}: ${isUnknown(s.running) ? s.running.reason : ''}`),
    ...rulesets
      .filter((r) => isUnknown(r.enabled))
      .map((r) => `ruleset ${r.key}: ${isUnknown(r.enabled) ? r.enabled.reason : ''}`),
  ];
  const what = "VMware's certified Guest Introspection MUX";
  const vms = facts.vms;
  if (isUnknown(vms)) unknowns.push(`partner service VMs: ${vms.reason}`);
  const svms = isUnknown(vms) ? [] : vms.items.filter((vm) => vm.serviceVm === true);
  for (const vm of isUnknown(vms) ? [] : vms.items)
    if (isUnknown(vm.serviceVm)) unknowns.push(`VM ${vm.name}: ${vm.serviceVm.reason}`);
  if (svms.length > 0) {
    const observed = [...installed, ...svms.map((vm) => `partner service VM ${vm.name}`)];
    const message = `${what} (${installed.join(', ')}) serves partner service VM ${svms.map((v) => v.name).join(', ')}: every protected VM's file and process events reach that partner code. An exploited AV has access to every VM.`;
    return {
      ...result.fail(
        `drivers[${vibs[0]?.name ?? 'epsec-mux'}]`,
        message,
        observed,
        'no introspection layer in the hypervisor',
        MUX,
      ),
      severity: 'high',
    };
  }
  if (running.length > 0 || enabled.length > 0) {
    const path =
      running.length > 0 ? `services[${running[0]!.name}]` : `exposure.firewall.rulesets[${enabled[0]!.key}]`;
    const observed = [
      ...running.map((s) => `service ${s.name} (running)`),
      ...enabled.map((r) => `ruleset ${r.key} (enabled)`),
    ];
    return {
      ...result.fail(
        path,
        `${what} runs (${observed.join(', ')}); no partner service VM was seen on this host. An exploited AV has access to every VM.`,
        observed,
        'no introspection layer in the hypervisor',
        MUX,
      ),
      severity: 'medium',
    };
  }
  if (unknowns.length > 0)
    return result.unknown('agents', `${what} is installed; whether it runs is unknown (${unknowns.join('; ')})`, MUX);
  return result.pass(
    `drivers[${vibs[0]?.name ?? MUX}]`,
    `${what} is installed but idle (${installed.join(', ')}): nothing runs, no partner service VM.`,
    installed,
    'installed, not running',
    MUX,
  );
}

/** Third-party introspection or AV drivers in the vmkernel: code from outside VMware in Ring -1, high when installed. */
function thirdPartyResults(facts: EsxiHostFacts, params: Params): RuleResult[] {
  if (isUnknown(facts.drivers)) return [];
  const names = lower(params.thirdPartyVibNames);
  const unverified = lower(params.unverifiedVibNames);
  return facts.drivers
    .filter((d) => d.inHypervisor && names.has(d.name.toLowerCase()))
    .map((vib) => {
      const isUnverified = unverified.has(vib.name.toLowerCase());
      const r = result.fail(
        `drivers[${vib.name}]`,
        `Introspection driver ${vib.name}${vib.vendor ? ` from ${vib.vendor}` : ''} is third-party code in Ring -1, not VMware's certified MUX${isUnverified ? ' (this VIB name is unverified in public sources)' : ''}. An exploited AV has access to every VM.`,
        [`${vib.name} ${vib.version ?? ''} ${vib.vendor ?? ''}`.trim()],
        'no introspection layer in the hypervisor',
        vib.name,
      );
      if (isUnverified) r.evidence.unverified = true;
      return { ...r, severity: 'high' as const };
    });
}

export default defineRule({
  id: 'host-introspection-in-hypervisor',
  title: 'Antivirus or introspection code runs at hypervisor level with reach into every VM',
  severity: 'high',
  platforms: ['esxi', 'hyperv'],
  category: 'trust-boundaries',
  rationale:
    "Hypervisor-level antivirus and guest introspection relay every protected VM's file and process events to one security component, which then sees into all VMs at once. VMware's own certified Guest Introspection MUX (vShield Endpoint / NSX, VIB epsec-mux or nsx-context-mux) is a finding when it runs, highest when a partner service VM uses it; its VIB alone ships with NSX host preparation. Third-party drivers in the vmkernel (Ring -1) are a finding when installed.",
  risk: 'An exploited AV has access to every VM: a bug in the MUX, the partner service VM or a third-party driver turns into a path across every guest on the host.',
  remediation: {
    text: 'Prefer in-guest security agents; where introspection is required, keep the MUX and partner service VM patched, isolated on their own network, and limited to the hosts that need them; remove third-party introspection drivers that are not used.',
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
      muxVibNames: z
        .array(z.string())
        .default(['epsec-mux', 'nsx-context-mux'])
        .describe(
          "VIBs of VMware's certified Guest Introspection MUX: a finding only when the MUX runs or serves a partner service VM.",
        ),
      thirdPartyVibNames: z
        .array(z.string())
        .default(['dvfilter-dsa'])
        .describe('Third-party introspection / AV drivers in the vmkernel (Ring -1): a finding when installed.'),
      /** VIB names not confirmed by a public source: findings say so. */
      unverifiedVibNames: z
        .array(z.string())
        .default(['dvfilter-dsa'])
        .describe('VIB names not confirmed by a public source; their findings are marked unverified.'),
      serviceNames: z
        .array(z.string())
        .default(['vShield-Endpoint-Mux'])
        .describe('Host services of the vShield Endpoint MUX.'),
      rulesetNames: z
        .array(z.string())
        .default(['vShield-Endpoint-Mux', 'vShield-Endpoint-Mux-Partners'])
        .describe('Firewall rulesets of the vShield Endpoint MUX (counted when enabled).'),
    })
    .strict(),
  evaluate(facts, params) {
    if (facts.platform === 'hyperv') return result.notApplicable('hyperv.hypervisorBinary', HYPERV_NOT_APPLICABLE);
    const results: RuleResult[] = [];
    const unknownReasons: string[] = [];
    // Names this rule judges itself on ESXi; agents built from the same indicators are not counted twice.
    const judged = [
      ...params.muxVibNames,
      ...params.thirdPartyVibNames,
      ...params.serviceNames,
      ...params.rulesetNames,
    ].map((n) => n.toLowerCase());
    if (facts.platform === 'esxi') {
      if (isUnknown(facts.drivers)) unknownReasons.push(`drivers: ${facts.drivers.reason}`);
      results.push(...thirdPartyResults(facts, params));
      const mux = muxResult(facts, params);
      if (mux) results.push(mux);
    }

    if (isUnknown(facts.agents)) unknownReasons.push(`agents: ${facts.agents.reason}`);
    else {
      for (const agent of facts.agents.filter((a) => a.scope === 'hypervisor')) {
        if (facts.platform === 'esxi' && agent.evidence.some((e) => judged.some((n) => e.toLowerCase().includes(n))))
          continue;
        results.push(
          result.fail(
            `agents[${agent.name}]`,
            `${agent.kind} agent ${agent.name}${agent.vendor ? ` (${agent.vendor})` : ''} runs at hypervisor level. An exploited AV has access to every VM.`,
            agent.evidence,
            'no introspection layer in the hypervisor',
            agent.name,
          ),
        );
      }
    }

    if (results.some((r) => r.status === 'fail') || (results.length > 0 && unknownReasons.length === 0)) return results;
    if (unknownReasons.length > 0)
      return [...results.filter((r) => r.status !== 'pass'), result.unknown('agents', unknownReasons.join('; '))];
    return result.pass('agents', 'No hypervisor-level antivirus or introspection layer was found.', [], 'none');
  },
});
