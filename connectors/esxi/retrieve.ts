import type { z } from 'zod';
import type { CollectionError } from '../../src/model/common.js';
import { CollectError } from '../errors.js';
import type { EsxcliOutcomes } from './esxcli/executor.js';
import { VimFault } from './fault.js';
import { filterSpec, objectSpec, propertySpec, retrieveAll, traversal, type ObjectContent } from './property.js';
import type { VimSession } from './session.js';
import { at, isMoRef, list, refKey, type MoRef, type VimObject, type VimValue } from './value.js';

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

export function hostPaths(apiVersion: string | undefined): string[] {
  const paths = [
    'name', 'summary.hardware', 'config.product', 'hardware.cpuInfo', 'hardware.cpuPkg', 'hardware.cpuFeature',
    'hardware.biosInfo', 'hardware.systemInfo', 'capability', 'config.featureCapability', 'config.service',
    'config.firewall', 'config.lockdownMode', 'config.option', 'config.network', 'config.virtualNicManagerInfo',
    'config.dateTimeInfo', 'config.authenticationManagerInfo', 'config.storageDevice.hostBusAdapter', 'configManager',
  ];
  // runtime.stateEncryption exists from 7.0.2; asking an older host for it faults the whole batch (InvalidProperty).
  if (versionAtLeast(apiVersion, [7, 0, 2])) paths.push('runtime.stateEncryption');
  return paths;
}

export const VM_PATHS = [
  'name', 'runtime.powerState', 'runtime.host', 'config.guestId', 'config.firmware', 'config.bootOptions',
  'config.nestedHVEnabled', 'config.managedBy', 'config.hardware.device', 'network',
];

export function versionAtLeast(version: string | undefined, min: number[]): boolean {
  const parts = (version ?? '').split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] ?? 0;
    if (Number.isNaN(p)) return false;
    if (p !== min[i]) return p > min[i]!;
  }
  return true;
}

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
  return Object.entries(dropped).map(([path, why]) => ({ step: 'collect', section: 'properties', message: `${path} left out of the batch: ${why}`, code: 'InvalidProperty' }));
}

/** Retries after InvalidProperty that the host batch tolerates: an unexpected server may not know some paths. */
const MAX_DROPPED_PATHS = 3;

/**
 * Hosts and their VMs in one pass; VMs are attached to their host by runtime.host. A path the server rejects as
 * InvalidProperty is dropped and the pass repeated (at most three times); the path is then reported missing.
 */
export async function retrieveHosts(session: VimSession, objectSet: VimObject[]): Promise<HostRaw[]> {
  const apiVersion = String(session.about.apiVersion ?? '');
  const paths = hostPaths(apiVersion);
  const dropped: Record<string, string> = {};
  let contents: ObjectContent[];
  for (;;) {
    try {
      contents = await retrieveAll(session, [
        filterSpec(
          [
            propertySpec('HostSystem', paths),
            propertySpec('VirtualMachine', VM_PATHS),
            propertySpec('Network', ['name']),
            propertySpec('DistributedVirtualPortgroup', ['name']),
          ],
          objectSet,
        ),
      ]);
      break;
    } catch (err) {
      const name = err instanceof VimFault && err.faultName === 'InvalidProperty' ? String(err.detail.name ?? '') : '';
      if (!paths.includes(name) || Object.keys(dropped).length >= MAX_DROPPED_PATHS) throw err;
      paths.splice(paths.indexOf(name), 1);
      dropped[name] = 'InvalidProperty (the server does not know this path)';
    }
  }
  const networkNames = new Map<string, string>();
  for (const c of contents) {
    if (c.obj.type === 'Network' || c.obj.type === 'DistributedVirtualPortgroup') networkNames.set(refKey(c.obj), String(c.props.name ?? ''));
  }
  const hosts = new Map<string, HostRaw>();
  for (const c of contents) {
    if (c.obj.type === 'HostSystem') {
      hosts.set(refKey(c.obj), { ref: c.obj, props: c.props, missing: { ...dropped, ...c.missing }, vms: [], networkNames, managers: {} as HostRaw['managers'], errors: droppedErrors(dropped) });
    }
  }
  for (const c of contents) {
    const host = c.props['runtime.host'];
    if (c.obj.type === 'VirtualMachine' && isMoRef(host)) hosts.get(refKey(host))?.vms.push(c);
  }
  return [...hosts.values()];
}

type ManagerName = 'serviceSystem' | 'hostAccessManager' | 'snmpSystem' | 'advancedOption' | 'imageConfigManager' | 'kernelModuleSystem' | 'virtualNicManager';
export type ManagerCall =
  | 'serviceInfo' | 'accessLockdownMode' | 'snmpConfiguration' | 'optionSetting' | 'softwarePackages' | 'acceptance'
  | 'imageProfile' | 'installDate' | 'modules' | 'lockdownExceptions' | 'netConfigManagement' | 'netConfigVmotion';

const PROPERTIES: Array<[ManagerCall, ManagerName, string, string]> = [
  ['serviceInfo', 'serviceSystem', 'HostServiceSystem', 'serviceInfo'],
  ['accessLockdownMode', 'hostAccessManager', 'HostAccessManager', 'lockdownMode'],
  ['snmpConfiguration', 'snmpSystem', 'HostSnmpSystem', 'configuration'],
  ['optionSetting', 'advancedOption', 'OptionManager', 'setting'],
];

const METHODS: Array<[ManagerCall, ManagerName, string, Record<string, VimValue>?]> = [
  ['softwarePackages', 'imageConfigManager', 'fetchSoftwarePackages'],
  ['acceptance', 'imageConfigManager', 'HostImageConfigGetAcceptance'],
  ['imageProfile', 'imageConfigManager', 'HostImageConfigGetProfile'],
  ['installDate', 'imageConfigManager', 'installDate'],
  ['modules', 'kernelModuleSystem', 'QueryModules'],
  ['lockdownExceptions', 'hostAccessManager', 'QueryLockdownExceptions'],
  ['netConfigManagement', 'virtualNicManager', 'QueryNetConfig', { nicType: 'management' }],
  ['netConfigVmotion', 'virtualNicManager', 'QueryNetConfig', { nicType: 'vmotion' }],
];

function managerRef(host: HostRaw, name: ManagerName): MoRef | undefined {
  const ref = at(host.props.configManager, name);
  return isMoRef(ref) ? ref : undefined;
}

/** Calls that a host's own properties already answer are skipped (config.option, config.virtualNicManagerInfo). */
function wanted(host: HostRaw, call: ManagerCall): boolean {
  // vcsim (and a host whose mirror is not populated) returns an empty config.option; every ESXi has options.
  if (call === 'optionSetting') return list(host.props['config.option']).length === 0;
  if (call === 'netConfigManagement' || call === 'netConfigVmotion') return host.props['config.virtualNicManagerInfo'] === undefined;
  return true;
}

function absent(name: ManagerName, type: string): string {
  return `the host reports no configManager.${name} (${type}); the server does not implement it`;
}

/**
 * The second phase, all concurrent: one property-collector call for every host's manager properties, and the
 * per-host manager methods under the scan's limit. A fault on a manager makes that fact unknown; the rest stays.
 */
export async function collectManagers(session: VimSession, hosts: HostRaw[], limit: <T>(fn: () => Promise<T>) => Promise<T>, signal: AbortSignal): Promise<void> {
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
      for (const c of await retrieveAll(session, [filterSpec(propSet, objectSet)])) found.set(refKey(c.obj), c);
    } catch (err) {
      if (!(err instanceof VimFault)) throw err;
      for (const host of hosts) for (const [call] of PROPERTIES) host.managers[call] ??= { ok: false, reason: `RetrievePropertiesEx of manager properties failed: ${err.message}` };
      return;
    }
    for (const host of hosts) {
      for (const [call, manager, type, path] of PROPERTIES) {
        const ref = managerRef(host, manager);
        if (!wanted(host, call) || !ref) continue;
        const c = found.get(refKey(ref));
        if (!c) host.managers[call] = { ok: false, reason: `${type} ${ref.value} not found by the property collector (ManagedObjectNotFound)` };
        else if (c.missing[path]) host.managers[call] = { ok: false, reason: `${type}.${path} not readable: ${c.missing[path]}` };
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

async function callManager(session: VimSession, host: HostRaw, ref: MoRef, method: string, args: Record<string, VimValue>, signal: AbortSignal): Promise<Outcome> {
  try {
    return { ok: true, value: await session.invoke(method, ref, args) };
  } catch (err) {
    if (err instanceof VimFault) return { ok: false, reason: `${method} on ${ref.type} ${ref.value} failed: ${err.message}` };
    if (signal.aborted || !(err instanceof CollectError)) throw err;
    host.errors.push({ step: err.step, section: method, message: err.message, code: err.code });
    return { ok: false, reason: `${method} failed: ${err.message}` };
  }
}

