import { executerRef } from './esxcli.js';
import { type ManagerKind, SimHost } from './host-model.js';
import type { HostProfile, VcenterAbout } from './profile.js';
import { data, Data, list, moref, MoRef, type VimValue } from './values.js';

/** A managed object the simulator serves: its reference, its properties, and for managers the host it belongs to. */
export interface ManagedObject {
  ref: MoRef;
  properties(): Record<string, VimValue | undefined>;
  /** Entities below it in the inventory, for ContainerView and traversal specs. */
  children?(): MoRef[];
  host?: SimHost;
  manager?: ManagerKind;
}

export interface InventoryHost {
  name: string;
  profile: HostProfile;
}

export type Mode = 'esxi' | 'vcenter';

/**
 * The inventory tree as the two kinds of endpoint lay it out: a standalone host (ha-folder-root → ha-datacenter →
 * ha-compute-res → ha-host) or a vCenter (group-d1 → datacenter-2 → group-h4 → cluster domain-c7 → host-N).
 */
export class Inventory {
  readonly objects = new Map<string, ManagedObject>();
  readonly hosts: SimHost[] = [];
  readonly content: Data;
  /** Bad-input tests: RetrievePropertiesEx always hands back a token and continuing never ends. */
  endlessPaging = false;
  private nextView = 1;
  private readonly networks = new Map<string, MoRef>();
  private readonly vcenterUnsupported: string[];

  constructor(
    readonly mode: Mode,
    hosts: InventoryHost[],
    vcenter: VcenterAbout | undefined,
    withoutManagers: ManagerKind[] = [],
    withEsxcli = true,
  ) {
    const vc = mode === 'vcenter';
    this.vcenterUnsupported = vcenter?.unsupportedHostProperties ?? [];
    const ids = vc
      ? {
          root: 'group-d1',
          dc: 'datacenter-2',
          vmFolder: 'group-v3',
          hostFolder: 'group-h4',
          compute: 'domain-c7',
          pc: 'propertyCollector',
          sm: 'SessionManager',
          vm: 'ViewManager',
        }
      : {
          root: 'ha-folder-root',
          dc: 'ha-datacenter',
          vmFolder: 'ha-folder-vm',
          hostFolder: 'ha-folder-host',
          compute: 'ha-compute-res',
          pc: 'ha-property-collector',
          sm: 'ha-sessionmgr',
          vm: 'ViewManager',
        };
    const computeType = vc ? 'ClusterComputeResource' : 'ComputeResource';
    const compute = moref(computeType, ids.compute);
    hosts.forEach((h, i) => {
      const moId = vc ? `host-${i + 10}` : 'ha-host';
      const networkRef = (pg: string) => this.network(pg, vc);
      this.hosts.push(
        new SimHost(
          moId,
          h.name,
          h.profile,
          compute,
          networkRef,
          vc ? `vm-${i + 10}0` : '',
          vc ? '127.0.0.1' : undefined,
        ),
      );
    });
    const hostRefs = () => this.hosts.map((h) => moref('HostSystem', h.moId));
    const vmRefs = () => this.hosts.flatMap((h) => h.vms.map((v) => moref('VirtualMachine', v.moId)));
    const entity = (
      ref: MoRef,
      name: string,
      parent: MoRef | undefined,
      extra: Record<string, VimValue>,
      children: () => MoRef[],
    ) => this.add({ ref, properties: () => ({ name, parent, ...extra }), children });

    const root = moref('Folder', ids.root);
    const dc = moref('Datacenter', ids.dc);
    const hostFolder = moref('Folder', ids.hostFolder);
    const vmFolder = moref('Folder', ids.vmFolder);
    entity(root, 'Datacenters', undefined, { childEntity: list('ManagedObjectReference', [dc]) }, () => [dc]);
    entity(dc, vc ? 'Lab' : 'ha-datacenter', root, { hostFolder, vmFolder }, () => [hostFolder, vmFolder]);
    entity(hostFolder, 'host', dc, { childEntity: list('ManagedObjectReference', [compute]) }, () => [compute]);
    this.add({
      ref: vmFolder,
      properties: () => ({ name: 'vm', parent: dc, childEntity: list('ManagedObjectReference', vmRefs()) }),
      children: vmRefs,
    });
    this.add({
      ref: compute,
      properties: () => ({
        name: vc ? 'Cluster' : this.hosts[0]?.name,
        parent: hostFolder,
        host: list('ManagedObjectReference', hostRefs()),
      }),
      children: hostRefs,
    });

    for (const host of this.hosts) {
      this.add({ ref: moref('HostSystem', host.moId), properties: () => host.properties(), host });
      for (const vm of host.vms)
        this.add({ ref: moref('VirtualMachine', vm.moId), properties: () => host.vmProperties(vm), host });
      for (const [kind, ref] of Object.entries(host.managers) as [ManagerKind, MoRef][]) {
        if (withoutManagers.includes(kind)) continue;
        this.add({ ref, properties: () => managerProperties(host, kind), host, manager: kind });
      }
      if (withEsxcli) this.add({ ref: executerRef(host), properties: () => ({}), host });
    }

    const about = vc ? vcenterAbout(vcenter) : this.hosts[0].about();
    this.content = data('ServiceContent', {
      rootFolder: root,
      propertyCollector: moref('PropertyCollector', ids.pc),
      viewManager: moref('ViewManager', ids.vm),
      about,
      setting: moref('OptionManager', vc ? 'VpxSettings' : 'HostAgentSettings'),
      userDirectory: moref('UserDirectory', vc ? 'UserDirectory' : 'ha-user-directory'),
      sessionManager: moref('SessionManager', ids.sm),
      authorizationManager: moref('AuthorizationManager', vc ? 'AuthorizationManager' : 'ha-authmgr'),
      searchIndex: moref('SearchIndex', vc ? 'SearchIndex' : 'ha-searchindex'),
    });
    this.add({
      ref: moref('ServiceInstance', 'ServiceInstance'),
      properties: () => ({ content: this.content, serverClock: new Date().toISOString() }),
    });
    this.add({ ref: moref('PropertyCollector', ids.pc), properties: () => ({}) });
    this.add({ ref: moref('ViewManager', ids.vm), properties: () => ({}) });
    this.add({ ref: moref('SessionManager', ids.sm), properties: () => ({}) });
  }

  private add(mo: ManagedObject): void {
    this.objects.set(mo.ref.value, mo);
  }

  private network(portgroup: string, vc: boolean): MoRef {
    let ref = this.networks.get(portgroup);
    if (!ref) {
      ref = moref('Network', vc ? `network-${this.networks.size + 11}` : `HaNetwork-${portgroup}`);
      this.networks.set(portgroup, ref);
      const name = portgroup;
      this.add({ ref, properties: () => ({ name }) });
    }
    return ref;
  }

  /**
   * HostSystem paths the serving endpoint's schema does not know. A vCenter validates against its own API version, so
   * a 6.7 host behind an 8.0 vCenter just leaves newer properties unset instead of faulting the call.
   */
  unsupportedPaths(mo: ManagedObject): readonly string[] {
    if (mo.ref.type !== 'HostSystem' || !mo.host) return [];
    return this.mode === 'vcenter' ? this.vcenterUnsupported : mo.host.profile.unsupportedProperties;
  }

  /** The object behind a reference, only when the type matches too (a real server rejects a wrong type). */
  get(ref: MoRef): ManagedObject | undefined {
    const mo = this.objects.get(ref.value);
    return mo && mo.ref.type === ref.type ? mo : undefined;
  }

  descendants(ref: MoRef): MoRef[] {
    const out: MoRef[] = [];
    const visit = (r: MoRef) => {
      for (const child of this.get(r)?.children?.() ?? []) {
        out.push(child);
        visit(child);
      }
    };
    visit(ref);
    return out;
  }

  createContainerView(container: MoRef, types: string[], recursive: boolean, owner: string): MoRef {
    const ref = moref('ContainerView', `session[${owner.slice(0, 8)}]${String(this.nextView++).padStart(4, '0')}`);
    const members = () => {
      const candidates = recursive ? this.descendants(container) : (this.get(container)?.children?.() ?? []);
      return candidates.filter((c) => types.length === 0 || types.includes(c.type));
    };
    this.add({
      ref,
      properties: () => ({ view: list('ManagedObjectReference', members()), container, type: list('string', types) }),
      children: members,
    });
    return ref;
  }

  destroyView(ref: MoRef): boolean {
    return ref.type === 'ContainerView' && this.objects.delete(ref.value);
  }
}

function vcenterAbout(vc: VcenterAbout | undefined): Data {
  if (!vc) throw new Error('vCenter mode needs a vCenter version');
  return data('AboutInfo', {
    name: 'VMware vCenter Server',
    fullName: `VMware vCenter Server ${vc.version} build-${vc.build}`,
    vendor: 'VMware, Inc.',
    version: vc.version,
    build: vc.build,
    localeVersion: 'INTL',
    localeBuild: '000',
    osType: 'linux-x64',
    productLineId: 'vpx',
    apiType: 'VirtualCenter',
    apiVersion: vc.apiVersion,
    instanceUuid: '6f1c0b6e-7f0a-4d8e-9a55-1ab2c3d4e5f6',
    licenseProductName: 'VMware VirtualCenter Server',
    licenseProductVersion: vc.version.split('.')[0] + '.0',
  });
}

function managerProperties(host: SimHost, kind: ManagerKind): Record<string, VimValue | undefined> {
  switch (kind) {
    case 'advancedOption':
      return { setting: list('OptionValue', host.options()), supportedOption: list('OptionDef', []) };
    case 'serviceSystem':
      return { serviceInfo: host.serviceInfo() };
    case 'firewallSystem':
      return { firewallInfo: host.firewallInfo() };
    case 'hostAccessManager':
      return { lockdownMode: host.profile.lockdown.mode };
    case 'networkSystem':
      return { networkInfo: host.networkInfo() };
    case 'snmpSystem':
      return {
        configuration: host.snmpConfiguration(),
        limits: data('HostSnmpSystemAgentLimits', {
          maxReadOnlyCommunities: 10,
          maxTrapDestinations: 10,
          maxBufferSize: 1500,
          capability: 'COMPLETE',
        }),
      };
    default:
      return {};
  }
}
