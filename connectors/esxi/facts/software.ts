import { unknown, type Fact } from '../../../src/core/model/fact.js';
import type { EsxiHostFacts } from '../../../src/core/model/host.js';
import type { Outcome } from '../inventory/retrieve.js';
import { at, bool, num, objects, str, type VimObject, type VimValue } from '../vim25/value.js';
import type { AgentCatalog } from './catalog.js';

type Driver = Extract<EsxiHostFacts['drivers'], unknown[]>[number];
type Agent = Extract<EsxiHostFacts['agents'], unknown[]>[number];
type Acceptance = NonNullable<Driver['acceptanceLevel']>;

/** API tokens (vmware_certified) and esxcli names (VMwareCertified, PartnerSupported) → one spelling. */
export function normaliseAcceptance(value: string | undefined): Acceptance | undefined {
  const key = (value ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'vmwarecertified') return 'vmware_certified';
  if (key === 'vmwareaccepted') return 'vmware_accepted';
  if (key === 'partner' || key === 'partnersupported') return 'partner';
  if (key === 'community' || key === 'communitysupported') return 'community';
  return undefined;
}

/** vim25 requires these names (govmomi vim25/types/types.go: no omitempty): a list with a nameless entry is not guessed. */
function withoutName(call: string, what: string, index: number, type: string): string {
  return `${call}: ${what} ${index + 1} has no name, which vim25 ${type} requires`;
}

export function mapVibs(packages: Outcome): Fact<Driver[]> {
  if (!packages.ok) return unknown(`VIB list unavailable: ${packages.reason}`);
  const list = objects(packages.value);
  const nameless = list.findIndex((p) => str(p.name) === undefined);
  if (nameless >= 0) return unknown(withoutName('fetchSoftwarePackages', 'package', nameless, 'SoftwarePackage'));
  return list.map((p) => {
    const d: Driver = { name: str(p.name)!, inHypervisor: true, kind: 'vib', source: 'fetchSoftwarePackages' };
    const version = str(p.version);
    const vendor = str(p.vendor);
    const acceptance = normaliseAcceptance(str(p.acceptanceLevel));
    const installDate = str(p.creationDate);
    const summary = str(p.summary);
    if (version) d.version = version;
    if (vendor) d.vendor = vendor;
    if (acceptance) d.acceptanceLevel = acceptance;
    if (installDate) d.installDate = installDate;
    if (summary) d.summary = summary;
    return d;
  });
}

/** NIC and HBA drivers by module name → the devices they drive, from config.network.pnic and the storage HBAs. */
export function deviceDrivers(
  network: VimValue | undefined,
  hbas: VimValue | undefined,
): Map<string, { devices: string[]; source: string }> {
  const out = new Map<string, { devices: string[]; source: string }>();
  const add = (items: VimObject[], source: string) => {
    for (const item of items) {
      const driver = str(item.driver);
      const device = str(item.device);
      if (!driver || !device) continue;
      const entry = out.get(driver) ?? { devices: [], source };
      entry.devices.push(device);
      out.set(driver, entry);
    }
  };
  add(objects(at(network, 'pnic')), 'config.network.pnic');
  add(objects(hbas), 'config.storageDevice.hostBusAdapter');
  return out;
}

/**
 * Loaded vmkernel modules, NIC/HBA drivers annotated with their devices. Without QueryModules the device drivers
 * alone are listed, from the host's configuration.
 */
export function mapModules(
  modules: Outcome,
  devices: Map<string, { devices: string[]; source: string }>,
): Fact<Driver[]> {
  const describe = (name: string) => {
    const d = devices.get(name);
    return d ? `driver of ${d.devices.join(', ')}` : undefined;
  };
  if (!modules.ok) {
    return [...devices].map(([name, d]) => ({
      name,
      inHypervisor: true,
      kind: 'vmkernel-module' as const,
      source: d.source,
      summary: describe(name)!,
    }));
  }
  const list = objects(modules.value);
  const nameless = list.findIndex((m) => str(m.name) === undefined);
  if (nameless >= 0) return unknown(withoutName('QueryModules', 'module', nameless, 'KernelModuleInfo'));
  return list.map((m) => {
    const name = str(m.name)!;
    const d: Driver = { name, inHypervisor: true, kind: 'vmkernel-module', source: 'QueryModules' };
    const version = str(m.version);
    const loaded = bool(m.loaded);
    const summary = describe(name);
    if (version) d.version = version;
    if (loaded !== undefined) d.loaded = loaded;
    if (summary) d.summary = summary;
    return d;
  });
}

export interface AgentInputs {
  packages: Outcome;
  serviceKeys: string[] | undefined;
  rulesetKeys: string[] | undefined;
  /** Partner service VMs on this host (config.managedBy, facts/vms.ts). */
  partnerServiceVms: string[];
}

export function mapAgents(input: AgentInputs, catalog: AgentCatalog): Fact<Agent[]> {
  if (!input.packages.ok)
    return unknown(`VIB list unavailable, so VIB-based agents cannot be ruled out: ${input.packages.reason}`);
  const vibs = objects(input.packages.value);
  const hasServiceVm = input.partnerServiceVms.length > 0;
  const found = new Map<string, Agent>();
  const add = (ind: AgentCatalog['indicators'][number], evidence: string, version?: string) => {
    const agent = found.get(ind.agent) ?? {
      name: ind.agent,
      kind: ind.kind,
      scope: 'hypervisor',
      vendor: ind.vendor,
      evidence: [],
    };
    agent.evidence.push(
      `${evidence} (confidence ${ind.confidence}${ind.unverified ? `; unverified: ${ind.unverified}` : ''})`,
    );
    if (version) agent.version = version;
    found.set(ind.agent, agent);
  };
  for (const ind of catalog.indicators) {
    if (ind.match === 'vib') {
      const vib = vibs.find((p) => str(p.name) === ind.name);
      if (!vib) continue;
      if (ind.requiresServiceVm && !hasServiceVm) continue;
      const beside = ind.requiresServiceVm
        ? ` with partner service VM ${input.partnerServiceVms.join(', ')} on the host`
        : '';
      add(ind, `VIB ${ind.name} ${str(vib.version) ?? ''}`.trim() + beside, str(vib.version));
    } else if (ind.match === 'service' && input.serviceKeys?.includes(ind.name)) {
      add(ind, `service ${ind.name}`);
    } else if (ind.match === 'ruleset' && input.rulesetKeys?.includes(ind.name)) {
      add(ind, `firewall ruleset ${ind.name}`);
    }
  }
  return [...found.values()];
}

/**
 * One module's in-memory size: text + data + bss, else readOnlySection + writableSection (KernelModuleInfo has both
 * pairs, vim25-types.json; a host may fill only one), else unknown (undefined).
 */
export function moduleBytes(m: VimObject): number | undefined {
  const size = (s: string) => num(at(m, `${s}.length`));
  const sum = (names: string[]) => {
    const sizes = names.map(size);
    return sizes.every((s) => s === undefined) ? undefined : sizes.reduce<number>((t, s) => t + (s ?? 0), 0);
  };
  return sum(['textSection', 'dataSection', 'bssSection']) ?? sum(['readOnlySection', 'writableSection']);
}

/**
 * Loaded vmkernel modules with the in-memory section lengths QueryModules reports (moduleBytes): the API gives no
 * on-disk size for them (facts/footprint.ts says so in the measure).
 */
export function mapModuleImages(modules: Outcome): Fact<Array<{ item: string; bytes: number }>> {
  if (!modules.ok) return unknown(`kernel modules unavailable: ${modules.reason}`);
  const list = objects(modules.value);
  const nameless = list.findIndex((m) => str(m.name) === undefined);
  if (nameless >= 0) return unknown(withoutName('QueryModules', 'module', nameless, 'KernelModuleInfo'));
  const counted: Array<{ item: string; bytes: number }> = [];
  const unsized: string[] = [];
  for (const m of list) {
    if (bool(m.loaded) === false) continue;
    const bytes = moduleBytes(m);
    if (bytes === undefined) unsized.push(str(m.name)!);
    else if (bytes > 0) counted.push({ item: `module ${str(m.name)!}`, bytes });
  }
  // A sum that leaves modules out would understate the measure: unknown instead.
  if (unsized.length > 0) return unknown(`QueryModules reported no section sizes for ${unsized.join(', ')}`);
  if (counted.length === 0) return unknown('QueryModules reported no section sizes');
  return counted;
}
