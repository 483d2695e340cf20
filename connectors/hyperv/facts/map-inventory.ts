import type { z } from 'zod';
import {
  isUnknown,
  unknown,
  type Agent,
  type Driver,
  type Service,
  type VmSummary,
  type Vms,
} from '../../../src/core/model/index.js';
import type { Fact, TriState } from '../../../src/core/model/index.js';
import { agentForService } from './data.js';
import type { Sections } from '../collector/document.js';
import { integrationServiceName } from './integration-services.js';
import { compact, listeners, read, readWhole, REQUIRES_ADMIN, type MapContext } from './map-context.js';

type DriverT = z.infer<typeof Driver>;
type ServiceT = z.infer<typeof Service>;
type VmT = z.infer<typeof VmSummary>;

/** Third-party / unsigned PnP drivers and non-Microsoft kernel drivers: all load in the management OS, not Ring -1. */
export function mapDrivers(ctx: MapContext): Fact<DriverT[]> {
  const d = read(ctx, 'drivers');
  if (isUnknown(d)) return d;
  // The collector lists only PnP drivers with an InfName: an entry with no name at all is a damaged document.
  const nameless = d.pnp.findIndex((p) => !p.deviceName && !p.infName);
  if (nameless >= 0) return unknown(`Win32_PnPSignedDriver entry ${nameless + 1} has neither DeviceName nor InfName`);
  const pnp = d.pnp.map((p) =>
    compact({
      name: (p.deviceName || p.infName)!,
      version: p.version,
      vendor: p.provider ?? p.manufacturer,
      signer: p.signed === false ? 'unsigned' : p.signer,
      signed: p.signed,
      inHypervisor: false,
      kind: 'pnp' as const,
      source: 'Win32_PnPSignedDriver',
      installDate: p.date,
      summary: [p.deviceClass, p.infName].filter(Boolean).join(' ') || undefined,
    }),
  );
  const kernel = d.kernel.map((k) =>
    compact({
      name: k.name,
      version: k.fileVersion,
      vendor: k.company,
      inHypervisor: false,
      kind: /file system/i.test(k.serviceType ?? '') ? ('filesystem' as const) : ('kernel' as const),
      source: 'Win32_SystemDriver',
      summary: k.path ?? k.displayName,
      loaded: k.state ? k.state === 'Running' : undefined,
    }),
  );
  return [...pnp, ...kernel];
}

/** Agents recognised by service name against data/agents/windows-services.json (the one list of names). */
export function mapAgents(ctx: MapContext): Fact<z.infer<typeof Agent>[]> {
  const s = read(ctx, 'services');
  if (isUnknown(s)) return s;
  const byProduct = new Map<string, z.infer<typeof Agent>>();
  for (const svc of s.items) {
    const known = agentForService(svc.name);
    if (!known) continue;
    const evidence =
      `service ${svc.name} (${svc.state ?? 'state unknown'}, ${svc.startMode ?? 'start mode unknown'})` +
      (known.confidence === 'unverified' ? ' [service name unverified]' : '');
    const existing = byProduct.get(known.product);
    if (existing) existing.evidence.push(evidence);
    else
      byProduct.set(known.product, {
        name: known.product,
        kind: known.kind,
        scope: 'management-os',
        vendor: known.vendor,
        evidence: [evidence],
      });
  }
  return [...byProduct.values()];
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

export function mapServices(ctx: MapContext): Fact<ServiceT[]> {
  const s = read(ctx, 'services');
  if (isUnknown(s)) return s;
  const listening = listeners(ctx);
  return s.items.map((svc) => {
    const running = svc.state ? svc.state === 'Running' : unknown('Win32_Service.State was empty');
    if (isUnknown(listening)) {
      return compact({
        name: svc.name,
        label: svc.displayName,
        running,
        startupPolicy: svc.startMode || unknown('Win32_Service.StartMode was empty'),
        exposed: listening,
      });
    }
    // The collector lists every service hosted by the owning process (shared svchost: "a,b,c").
    const mine = listening.items.filter((l) =>
      (l.service ?? '').split(',').some((hosted) => hosted.toLowerCase() === svc.name.toLowerCase()),
    );
    const ports = [
      ...new Map(mine.map((l) => [`${l.protocol}/${l.port}`, { port: l.port, protocol: l.protocol }])).values(),
    ];
    return compact({
      name: svc.name,
      label: svc.displayName,
      running,
      startupPolicy: svc.startMode || unknown('Win32_Service.StartMode was empty'),
      ports: ports.length > 0 ? ports : undefined,
      exposed: mine.some((l) => !LOOPBACK.has(l.address)),
    });
  });
}

/**
 * Before Server 2016 (build 14393) Hyper-V has no vTPM, shielded VMs, nested virtualization or DDA, and the cmdlets
 * that report them do not exist: there "not reported" is a fact (off / none), not an unknown.
 */
const FIRST_BUILD_WITH_VM_SECURITY = 14393;

/**
 * Secure Boot is a UEFI feature of Generation 2 VMs; a Generation 1 VM (BIOS) has none, so false is the fact there
 * (https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/should-i-create-a-generation-1-or-2-virtual-machine-in-hyper-v).
 */
function secureBoot(vm: Sections['vms']['items'][number]): TriState {
  if (vm.generation === 1) return false;
  if (vm.generation !== 2)
    return unknown('Get-VM did not report the VM generation, which decides whether Secure Boot exists');
  return vm.secureBoot ? vm.secureBoot === 'On' : unknown('Get-VMFirmware did not answer');
}

function mapVm(vm: Sections['vms']['items'][number], legacyHost: boolean): VmT {
  const gen2 = vm.generation === 2;
  const legacy = <T>(value: T | null | undefined, before2016: T) =>
    (value === null || value === undefined) && legacyHost ? before2016 : value;
  return compact({
    name: vm.name,
    powerState: vm.state,
    generation: typeof vm.generation === 'number' ? vm.generation : undefined,
    firmware: vm.generation === undefined || vm.generation === null ? undefined : gen2 ? 'uefi' : 'bios',
    secureBoot: secureBoot(vm),
    vtpm: legacy(vm.tpmEnabled, false) ?? unknown('Get-VMSecurity did not answer'),
    shielded: legacy(vm.shielded, false) ?? unknown('Get-VMSecurity did not answer'),
    nestedVirtualization:
      legacy(vm.nested, false) ?? unknown('Get-VMProcessor did not report ExposeVirtualizationExtensions'),
    passthroughDevices: legacy(vm.assignableDevices, 0) ?? unknown('Get-VMAssignableDevice did not answer'),
    integrationServices: vm.integration.map((i) => ({
      ...integrationServiceName(i.id, i.name),
      enabled:
        typeof i.enabled === 'boolean'
          ? i.enabled
          : unknown(`Get-VMIntegrationService gave no Enabled for "${i.name}"`),
    })),
    checkpoints: vm.checkpointCount ?? unknown('Get-VMSnapshot did not answer'),
    error: vm.error,
  });
}

export function mapVms(ctx: MapContext): Fact<z.infer<typeof Vms>> {
  // A list cut short by the collector's soft deadline would read as fewer VMs: unknown, with how far it got.
  const v = readWhole(ctx, 'vms', ['deadline']);
  if (isUnknown(v)) return v;
  // Some Hyper-V versions return an empty list instead of an error to a user without Hyper-V rights (reference §1.3 J).
  if (v.items.length === 0 && ctx.isAdmin === false) return unknown(`${REQUIRES_ADMIN}: Get-VM returned no VMs`);
  const build = Number(ctx.doc.sections.os?.buildNumber);
  const legacyHost = Number.isInteger(build) && build > 0 && build < FIRST_BUILD_WITH_VM_SECURITY;
  return { count: v.items.length, items: v.items.map((vm) => mapVm(vm, legacyHost)) };
}
