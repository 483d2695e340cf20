import type { z } from 'zod';
import type { CollectionError } from '../../../src/core/model/common.js';
import { CollectError } from '../../../src/core/connector/errors.js';
import { versionAtLeast } from '../../../src/core/text/version.js';
import type { EsxcliOutcomes } from './esxcli/executor.js';
import { invalidPropertyName, isVimFault, VimFault } from '../vim25/fault.js';
import { HostAssembly } from './host-assembly.js';
import {
  filterSpec,
  objectSpec,
  propertySpec,
  retrieveAll,
  retrievePages,
  traversal,
  type ObjectContent,
  type PagingBudget,
} from '../property/property.js';
import type { VimSession } from '../vim25/session.js';
import { at, isMoRef, list, refKey, type MoRef, type VimObject, type VimValue } from '../vim25/value.js';

export type Outcome<T = VimValue | undefined> = { ok: true; value: T } | { ok: false; reason: string };

/** Everything the API gave for one host; the facts mapper turns it into HostFacts without further I/O. */
export interface HostRaw {
  ref: MoRef;
  props: Record<string, VimValue>;
  missing: Record<string, string>;
  vms: ObjectContent[];
  /** Network and port-group names by MoRef key, for the VMs' `network` property. */
  networkNames: Map<string, string>;
  managers: Record<ManagerCall, Outcome>;
  /** esxcli results over ExecuteSoap; absent until the esxcli wave ran. */
  esxcli?: EsxcliOutcomes;
  errors: Array<z.infer<typeof CollectionError>>;
}

/** A property path the connector requests, with the API version that introduced it when newer than 6.7. */
export interface RequestedPath {
  path: string;
  /** Requested only when the endpoint's apiVersion is at least this (vim25-types.json `since`). */
  since?: string;
}

/**
 * HostSystem paths of the host pass. `test/esxi/vim25-types.test.ts` walks each one through the vSphere API's types
 * and checks that `since` covers every segment newer than 6.7.
 */
export const HOST_PATHS: readonly RequestedPath[] = [
  ...[
    'name',
    'summary.hardware',
    'config.product',
    'hardware.cpuInfo',
    'hardware.cpuPkg',
    'hardware.cpuFeature',
    'hardware.biosInfo',
    'hardware.systemInfo',
    'capability',
    'config.featureCapability',
    'config.service',
    'config.firewall',
    'config.lockdownMode',
    'config.option',
    'config.network',
    'config.virtualNicManagerInfo',
    'config.dateTimeInfo',
    'config.authenticationManagerInfo',
    'config.storageDevice.hostBusAdapter',
    'configManager',
    // The host's VMs: a host is handed on once they (and their networks) have come (host-assembly.ts).
    'vm',
  ].map((path) => ({ path })),
  // HostRuntimeInfo.stateEncryption is since 7.0.3.0 (vim25-types.json): a 7.0 U2 host (API 7.0.2.0) faults the whole
  // batch with InvalidProperty when asked for it.
  { path: 'runtime.stateEncryption', since: '7.0.3.0' },
];

function requested(p: RequestedPath, apiVersion: string | undefined): boolean {
  return !p.since || versionAtLeast(apiVersion, p.since);
}

export function hostPaths(apiVersion: string | undefined): string[] {
  return HOST_PATHS.filter((p) => requested(p, apiVersion)).map((p) => p.path);
}

/** Why a version-gated host path was not requested, or undefined when it was. */
export function notRequestedReason(path: string, apiVersion: string | undefined): string | undefined {
  const p = HOST_PATHS.find((x) => x.path === path);
  return p && !requested(p, apiVersion)
    ? `${path} exists from API ${p.since}; this host's API is ${apiVersion ?? 'unknown'}`
    : undefined;
}

/** VirtualMachine paths of the host pass (all exist in 6.7). */
export const VM_PATHS: readonly string[] = [
  'name',
  'runtime.powerState',
  'runtime.host',
  'config.guestId',
  'config.firmware',
  'config.bootOptions',
  'config.nestedHVEnabled',
  'config.managedBy',
  'config.hardware.device',
  'network',
];

/** Host → its VMs → their networks (for VMs per port group), in the same property-collector pass. */
export const HOST_TO_VM = traversal('hostVm', 'HostSystem', 'vm', ['vmNetwork']);
export const VM_TO_NETWORK = traversal('vmNetwork', 'VirtualMachine', 'network');

/** Standalone ESXi: root folder → datacenter → compute resource → host → VMs, one property-collector call. */
export function inventoryFromRoot(root: MoRef): VimObject {
  return objectSpec(root, true, [
    traversal('folder', 'Folder', 'childEntity', ['folder', 'dcHost', 'crHost']),
    traversal('dcHost', 'Datacenter', 'hostFolder', ['folder']),
    traversal('crHost', 'ComputeResource', 'host', ['hostVm']),
    HOST_TO_VM,
    VM_TO_NETWORK,
  ]);
}

function droppedErrors(dropped: Record<string, string>): HostRaw['errors'] {
  return Object.entries(dropped).map(([path, why]) => ({
    step: 'collect',
    section: 'properties',
    message: `${path} left out of the batch: ${why}`,
    code: 'InvalidProperty',
  }));
}

/** Repeats of the host pass after InvalidProperty: an unexpected server may not know some paths. */
const MAX_RETRIES = 3;

/**
 * The requested paths an InvalidProperty fault's `name` points at. Servers name the path itself, a nested path below
 * it ("runtime.stateEncryption.mode"), a prefix of it, or its last segments ("stateEncryption"); a `.name` suffix
 * (the fault's own field name leaking into the text) is ignored.
 */
export function offendingPaths(faultName: string, paths: readonly string[]): string[] {
  const name = faultName.trim().replace(/\.name$/, '');
  if (!name) return [];
  return paths.filter(
    (p) => p === name || name.startsWith(`${p}.`) || p.startsWith(`${name}.`) || p.endsWith(`.${name}`),
  );
}

/**
 * Hosts and their VMs in one paged pass; VMs are attached to their host by runtime.host, and each host goes to
 * `onWhole` as soon as its pieces have come (awaited before the next page is asked for). A path the server rejects
 * as InvalidProperty is dropped and the pass repeated (at most three times, and only while no host was handed on);
 * the path is then reported missing. When the fault names no requested path, the version-gated paths go first: one
 * unknown property never loses the host.
 */
export async function retrieveHosts(
  session: VimSession,
  objectSet: VimObject[],
  budget: PagingBudget,
  onWhole: (hosts: HostRaw[]) => Promise<void>,
): Promise<void> {
  const apiVersion = String(session.about.apiVersion ?? '');
  const paths: Record<string, string[]> = { HostSystem: hostPaths(apiVersion), VirtualMachine: [...VM_PATHS] };
  const dropped: Record<string, string> = {};
  let handedOn = 0;
  const handOn = async (hosts: HostRaw[]) => {
    if (hosts.length === 0) return;
    handedOn += hosts.length;
    await onWhole(hosts);
  };
  for (let attempt = 0; ; attempt++) {
    const assembly = new HostAssembly((c, networkNames) => ({
      ref: c.obj,
      props: c.props,
      missing: { ...dropped, ...c.missing },
      vms: [],
      networkNames,
      managers: {} as HostRaw['managers'],
      errors: droppedErrors(dropped),
    }));
    const propSet = [
      propertySpec('HostSystem', paths.HostSystem!),
      propertySpec('VirtualMachine', paths.VirtualMachine!),
      propertySpec('Network', ['name']),
      propertySpec('DistributedVirtualPortgroup', ['name']),
    ];
    try {
      await retrievePages(session, [filterSpec(propSet, objectSet)], budget, (page) => handOn(assembly.add(page)));
      return await handOn(assembly.rest());
    } catch (err) {
      if (!(err instanceof VimFault) || !isVimFault(err, 'InvalidProperty') || attempt >= MAX_RETRIES || handedOn > 0)
        throw err;
      const named = String(invalidPropertyName(err) ?? '');
      let hits = Object.entries(paths).flatMap(([type, list]) =>
        offendingPaths(named, list).map((path) => [type, path] as const),
      );
      const why = named ? `InvalidProperty (the server does not know "${named}")` : 'InvalidProperty naming no path';
      if (hits.length === 0) {
        hits = HOST_PATHS.filter((p) => p.since && paths.HostSystem!.includes(p.path)).map(
          (p) => ['HostSystem', p.path] as const,
        );
        if (hits.length === 0) throw err;
      }
      for (const [type, path] of hits) {
        paths[type] = paths[type]!.filter((p) => p !== path);
        dropped[path] = why;
      }
    }
  }
}

type ManagerName =
  | 'serviceSystem'
  | 'hostAccessManager'
  | 'snmpSystem'
  | 'advancedOption'
  | 'imageConfigManager'
  | 'kernelModuleSystem'
  | 'virtualNicManager';
export type ManagerCall =
  | 'serviceInfo'
  | 'accessLockdownMode'
  | 'snmpConfiguration'
  | 'optionSetting'
  | 'softwarePackages'
  | 'acceptance'
  | 'imageProfile'
  | 'installDate'
  | 'modules'
  | 'lockdownExceptions'
  | 'netConfigManagement'
  | 'netConfigVmotion';

/** Manager properties read in the second phase: call, configManager field, manager type, property path. */
export const PROPERTIES: ReadonlyArray<[ManagerCall, ManagerName, string, string]> = [
  ['serviceInfo', 'serviceSystem', 'HostServiceSystem', 'serviceInfo'],
  ['accessLockdownMode', 'hostAccessManager', 'HostAccessManager', 'lockdownMode'],
  ['snmpConfiguration', 'snmpSystem', 'HostSnmpSystem', 'configuration'],
  ['optionSetting', 'advancedOption', 'OptionManager', 'setting'],
];

/** Manager methods of the second phase: call, configManager field, method, arguments (in WSDL order). */
export const METHODS: ReadonlyArray<[ManagerCall, ManagerName, string, Record<string, VimValue>?]> = [
  ['softwarePackages', 'imageConfigManager', 'fetchSoftwarePackages'],
  ['acceptance', 'imageConfigManager', 'HostImageConfigGetAcceptance'],
  ['imageProfile', 'imageConfigManager', 'HostImageConfigGetProfile'],
  ['installDate', 'imageConfigManager', 'installDate'],
  ['modules', 'kernelModuleSystem', 'QueryModules'],
  ['lockdownExceptions', 'hostAccessManager', 'QueryLockdownExceptions'],
  ['netConfigManagement', 'virtualNicManager', 'QueryNetConfig', { nicType: 'management' }],
  ['netConfigVmotion', 'virtualNicManager', 'QueryNetConfig', { nicType: 'vmotion' }],
];

/** What each manager method returns (vim25 type, `[]` for arrays), for the mapper-reads check against the API's types. */
export const METHOD_RETURNS: Record<string, string> = {
  fetchSoftwarePackages: 'SoftwarePackage[]',
  HostImageConfigGetAcceptance: 'string',
  HostImageConfigGetProfile: 'HostImageProfileSummary',
  installDate: 'time.Time',
  QueryModules: 'KernelModuleInfo[]',
  QueryLockdownExceptions: 'string[]',
  QueryNetConfig: 'VirtualNicManagerNetConfig',
};

function managerRef(host: HostRaw, name: ManagerName): MoRef | undefined {
  const ref = at(host.props.configManager, name);
  return isMoRef(ref) ? ref : undefined;
}

/** Calls that a host's own properties already answer are skipped (config.option, config.virtualNicManagerInfo). */
function wanted(host: HostRaw, call: ManagerCall): boolean {
  // vcsim (and a host whose mirror is not populated) returns an empty config.option; every ESXi has options.
  if (call === 'optionSetting') return list(host.props['config.option']).length === 0;
  if (call === 'netConfigManagement' || call === 'netConfigVmotion')
    return host.props['config.virtualNicManagerInfo'] === undefined;
  return true;
}

function absent(name: ManagerName, type: string): string {
  return `the host reports no configManager.${name} (${type}); the server does not implement it`;
}

/**
 * The second phase, all concurrent: one property-collector call for every host's manager properties, and the
 * per-host manager methods under the scan's limit. A fault on a manager makes that fact unknown; the rest stays.
 */
export async function collectManagers(
  session: VimSession,
  hosts: HostRaw[],
  limit: <T>(fn: () => Promise<T>) => Promise<T>,
  signal: AbortSignal,
): Promise<void> {
  const objectSet: VimObject[] = [];
  const types = new Map<string, string[]>();
  for (const host of hosts) {
    for (const [call, manager, type, path] of PROPERTIES) {
      if (!wanted(host, call)) continue;
      const ref = managerRef(host, manager);
      if (!ref) host.managers[call] = { ok: false, reason: absent(manager, type) };
      else {
        objectSet.push(objectSpec(ref, false));
        types.set(ref.type, [...new Set([...(types.get(ref.type) ?? []), path])]);
      }
    }
  }
  const propertyPass = async () => {
    if (objectSet.length === 0) return;
    const found = new Map<string, ObjectContent>();
    try {
      const propSet = [...types].map(([type, paths]) => propertySpec(type, paths));
      for (const c of await retrieveAll(session, [filterSpec(propSet, objectSet)], { hosts: hosts.length }))
        found.set(refKey(c.obj), c);
    } catch (err) {
      if (!(err instanceof VimFault)) throw err;
      for (const host of hosts)
        for (const [call] of PROPERTIES)
          host.managers[call] ??= {
            ok: false,
            reason: `RetrievePropertiesEx of manager properties failed: ${err.message}`,
          };
      return;
    }
    for (const host of hosts) {
      for (const [call, manager, type, path] of PROPERTIES) {
        const ref = managerRef(host, manager);
        if (!wanted(host, call) || !ref) continue;
        const c = found.get(refKey(ref));
        if (!c)
          host.managers[call] = {
            ok: false,
            reason: `${type} ${ref.value} not found by the property collector (ManagedObjectNotFound)`,
          };
        else if (c.missing[path])
          host.managers[call] = { ok: false, reason: `${type}.${path} not readable: ${c.missing[path]}` };
        else host.managers[call] = { ok: true, value: c.props[path] };
      }
    }
  };
  const methodCalls = hosts.flatMap((host) =>
    METHODS.filter(([call]) => wanted(host, call)).map(async ([call, manager, method, args]) => {
      const ref = managerRef(host, manager);
      if (!ref) {
        host.managers[call] = { ok: false, reason: absent(manager, method) };
        return;
      }
      host.managers[call] = await limit(() => callManager(session, host, ref, method, args ?? {}, signal));
    }),
  );
  await Promise.all([propertyPass(), ...methodCalls]);
}

async function callManager(
  session: VimSession,
  host: HostRaw,
  ref: MoRef,
  method: string,
  args: Record<string, VimValue>,
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    return { ok: true, value: await session.invoke(method, ref, args) };
  } catch (err) {
    if (err instanceof VimFault)
      return { ok: false, reason: `${method} on ${ref.type} ${ref.value} failed: ${err.message}` };
    if (signal.aborted || !(err instanceof CollectError)) throw err;
    host.errors.push({ step: err.step, section: method, message: err.message, code: err.code });
    return { ok: false, reason: `${method} failed: ${err.message}` };
  }
}
