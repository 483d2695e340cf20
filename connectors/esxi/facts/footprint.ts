import type { z } from 'zod';
import type { Firewall, Footprint, Service as ServiceSchema } from '../../../src/core/model/index.js';
import { isUnknown, unknown, type Fact } from '../../../src/core/model/fact.js';
import { distinctImages, footprintMeasure, type CountedImage } from '../../../src/core/model/footprint.js';
import type { BootModuleCatalog } from './catalog.js';

const MODULES_APPROXIMATION =
  'ESXi approximation (in-memory sizes): the vSphere API reports no on-disk size for vmkernel modules, so each loaded module (vmkernel included) counts with the text + data + bss section lengths HostKernelModuleSystem.QueryModules reports.';

const TCB_APPROXIMATION =
  'ESXi approximation (upper bound): boot modules (tardisks) count whole, since the API cannot list the files inside them; beside the vmkernel, its modules, hostd/vpxa and the VMX they hold other userworld tools. Boot modules with no host code are left out (data/footprint/esxi-boot-modules.json). Whether the Bytes esxcli system visorfs tardisk list reports is the compressed or the loaded size is unverified.';

const SURFACE_APPROXIMATION =
  'ESXi approximation (no sizes): the API lists no listening sockets and no userworld file sizes; counted are the running services that own an inbound firewall port (whether or not the firewall opens it, as on Hyper-V) and the enabled inbound rulesets of daemons and vmkernel services the service list does not name (hostd behind vSphereClient, vMotion).';

type Tardisk = { name: string; bytes: number };
type Service = z.infer<typeof ServiceSchema>;

/** The three measures of docs/footprint.md from what the vSphere API and esxcli give. */
export function mapEsxiFootprint(input: {
  modules: Fact<CountedImage[]>;
  tardisks: Fact<Tardisk[]>;
  services: Fact<Service[]>;
  firewall: Fact<z.infer<typeof Firewall>>;
  catalog: BootModuleCatalog;
}): z.infer<typeof Footprint> {
  const { modules, tardisks } = input;
  return {
    hypervisorCode: isUnknown(modules)
      ? modules
      : footprintMeasure(
          distinctImages(
            modules.map((m) => ({ ...m, role: 'vmkernel module (in memory)' })),
            false,
          ),
          MODULES_APPROXIMATION,
        ),
    trustedComputingBase: isUnknown(tardisks) ? tardisks : trustedComputingBase(tardisks, input.catalog),
    managementSurface: managementSurface(input.services, input.firewall),
  };
}

function trustedComputingBase(tardisks: Tardisk[], catalog: BootModuleCatalog) {
  const excluded = catalog.notHostCode.map((e) => ({ pattern: new RegExp(e.match), what: e.what }));
  const counted: CountedImage[] = [];
  const leftOut: Array<{ item: string; bytes: number; why: string }> = [];
  for (const t of tardisks) {
    const skip = excluded.find((e) => e.pattern.test(t.name));
    if (skip) leftOut.push({ item: `tardisk ${t.name}`, bytes: t.bytes, why: skip.what });
    else counted.push({ item: `tardisk ${t.name}`, bytes: t.bytes, role: 'boot module' });
  }
  return footprintMeasure(distinctImages(counted, false), TCB_APPROXIMATION, leftOut);
}

/** A ruleset whose rules were unreadable counts, with the reason in place of its ports. */
function inboundPorts(rules: z.infer<typeof Firewall>['rulesets'][number]['rules']): string {
  if (isUnknown(rules)) return `ports not read: ${rules.reason}`;
  return rules
    .filter((r) => r.direction === 'inbound')
    .map((r) => `${r.protocol}/${r.port}${r.endPort ? `-${r.endPort}` : ''}`)
    .join(', ');
}

function managementSurface(services: Fact<Service[]>, firewall: Fact<z.infer<typeof Firewall>>) {
  if (isUnknown(services)) return unknown(`services unknown: ${services.reason}`);
  if (isUnknown(firewall)) return unknown(`firewall rulesets unknown: ${firewall.reason}`);
  const counted: CountedImage[] = [];
  // A stopped service does not listen; a running one listens on its inbound ports whatever the firewall lets through.
  for (const s of services) {
    if (s.running !== true || !s.ports?.length) continue;
    counted.push({ item: `service ${s.name}`, role: s.ports.map((p) => `${p.protocol}/${p.port}`).join(', ') });
  }
  const owned = new Set(services.flatMap((s) => s.rulesets ?? []));
  for (const r of firewall.rulesets) {
    if (r.enabled !== true || r.service || owned.has(r.key)) continue;
    const ports = inboundPorts(r.rules);
    if (ports) counted.push({ item: `ruleset ${r.key}`, role: ports });
  }
  return footprintMeasure(distinctImages(counted, false), SURFACE_APPROXIMATION);
}
