import { executerRef, executeSoap } from './esxcli.js';
import { NIC_TYPES, type SimHost } from './host-model.js';
import {
  argBool,
  argMoRef,
  argString,
  asArray,
  invalidArgument,
  invalidName,
  managedObjectNotFound,
  methodNotFound,
} from './faults.js';
import type { Inventory, ManagedObject } from './inventory.js';
import {
  cancelRetrievePropertiesEx,
  collect,
  continueRetrievePropertiesEx,
  retrievePropertiesEx,
} from './property-collector.js';
import type { Session } from './sessions.js';
import type { Arg } from './soap-codec.js';
import { data, list, strings, type VimValue } from './values.js';

type Args = Record<string, Arg | Arg[]>;
type Handler = (call: {
  inv: Inventory;
  mo: ManagedObject;
  host: SimHost;
  session: Session;
  args: Args;
}) => VimValue | undefined;

const KERNEL_SECTION = (address: number, length: number) => data('KernelModuleSectionInfo', { address, length });

/**
 * Methods by managed object type, with their WSDL spelling (`fetchSoftwarePackages` and `installDate` are lowercase on
 * the wire). Session methods (Login, Logout) and RetrieveServiceContent are handled by the endpoints.
 */
const METHODS: Record<string, Record<string, Handler>> = {
  ServiceInstance: { RetrieveServiceContent: ({ inv }) => inv.content, CurrentTime: () => new Date().toISOString() },
  PropertyCollector: {
    RetrieveProperties: ({ inv, args }) => list('ObjectContent', collect(inv, args.specSet)),
    RetrievePropertiesEx: ({ inv, session, args }) => retrievePropertiesEx(inv, session, args),
    ContinueRetrievePropertiesEx: ({ inv, session, args }) => continueRetrievePropertiesEx(inv, session, args),
    CancelRetrievePropertiesEx: ({ session, args }) => cancelRetrievePropertiesEx(session, args),
  },
  ViewManager: {
    CreateContainerView: ({ inv, session, args }) => {
      const container = argMoRef(args.container, 'container');
      if (!inv.get(container)) throw managedObjectNotFound(container);
      const types = asArray(args.type).map((t) => argString(t) ?? '');
      return inv.createContainerView(container, types, argBool(args.recursive), session.key);
    },
  },
  ContainerView: {
    DestroyView: ({ inv, mo }) => {
      inv.destroyView(mo.ref);
      return undefined;
    },
  },
  HostImageConfigManager: {
    HostImageConfigGetAcceptance: ({ host }) => host.profile.acceptanceLevel,
    fetchSoftwarePackages: ({ host }) =>
      list(
        'SoftwarePackage',
        Object.entries(host.profile.vibs).map(([name, v]) =>
          data('SoftwarePackage', {
            name,
            version: v.version,
            type: v.type,
            vendor: v.vendor,
            acceptanceLevel: v.acceptanceLevel,
            summary: v.summary,
            description: v.summary,
            creationDate: host.profile.installDate,
            maintenanceModeRequired: true,
            capability: data('SoftwarePackageCapability', {
              liveInstallAllowed: false,
              liveRemoveAllowed: false,
              statelessReady: true,
              overlay: false,
            }),
          }),
        ),
      ),
    HostImageConfigGetProfile: ({ host }) =>
      data('HostImageProfileSummary', {
        name: host.profile.imageProfile.name,
        vendor: host.profile.imageProfile.vendor,
      }),
    installDate: ({ host }) => host.profile.installDate,
  },
  HostKernelModuleSystem: {
    QueryModules: ({ host }) =>
      list(
        'KernelModuleInfo',
        Object.entries(host.profile.modules).map(([name, m]) =>
          data('KernelModuleInfo', {
            id: m.id,
            name,
            version: m.version,
            filename: m.filename,
            optionString: '',
            loaded: true,
            enabled: true,
            useCount: 1,
            readOnlySection: KERNEL_SECTION(0x420000000000 + m.id * 0x1000000, m.readOnly),
            writableSection: KERNEL_SECTION(0x430000000000 + m.id * 0x1000000, m.data + m.bss),
            textSection: KERNEL_SECTION(0x420000800000 + m.id * 0x1000000, m.text),
            dataSection: KERNEL_SECTION(0x430000800000 + m.id * 0x1000000, m.data),
            bssSection: KERNEL_SECTION(0x430000c00000 + m.id * 0x1000000, m.bss),
          }),
        ),
      ),
    QueryConfiguredModuleOptionString: ({ host, args }) => {
      const name = argString(args.name) ?? '';
      if (!(name in host.profile.modules)) throw invalidArgument('name');
      return '';
    },
  },
  OptionManager: {
    QueryOptions: ({ host, args }) => {
      const name = argString(args.name);
      const all = host.options();
      const hits = all.filter((o) => {
        const key = o.fields.key as string;
        return !name || (name.endsWith('.') ? key.startsWith(name) : key === name);
      });
      if (hits.length === 0) throw invalidName(name ?? '');
      return list('OptionValue', hits);
    },
    UpdateOptions: ({ host, args }) => {
      for (const change of asArray(args.changedValue)) {
        const c = change as Args;
        const key = argString(c.key) ?? '';
        const existing = host.profile.options[key];
        if (!existing) throw invalidName(key);
        const raw = argString(c.value) ?? '';
        existing.value = existing.type === 'boolean' ? raw === 'true' : existing.type === 'string' ? raw : Number(raw);
      }
      host.changed();
      return undefined;
    },
  },
  HostVirtualNicManager: {
    QueryNetConfig: ({ host, args }) => {
      const nicType = argString(args.nicType) ?? '';
      if (!NIC_TYPES.includes(nicType)) throw invalidArgument('nicType');
      return host.netConfig(nicType);
    },
  },
  HostAccessManager: {
    QueryLockdownExceptions: ({ host }) => strings(host.profile.lockdown.exceptions),
    QuerySystemUsers: () => strings(['dcui', 'vpxuser']),
  },
  HostSystem: {
    // govmomi's vcsim has no such method: a lab started withoutEsxcli answers MethodNotFound the same way.
    RetrieveManagedMethodExecuter: ({ inv, mo, host }) => {
      const ref = executerRef(host);
      if (!inv.get(ref)) throw methodNotFound(mo.ref, 'RetrieveManagedMethodExecuter');
      return ref;
    },
  },
  ReflectManagedMethodExecuter: { ExecuteSoap: ({ host, args }) => executeSoap(host, args) },
  HostServiceSystem: { RefreshServices: () => undefined },
  HostFirewallSystem: { RefreshFirewall: () => undefined },
};

/** Runs a method on a managed object; faults as a host would when the object or the method does not exist. */
export function invoke(
  inv: Inventory,
  session: Session,
  self: ManagedObject['ref'],
  method: string,
  args: Args,
): VimValue | undefined {
  const mo = inv.get(self);
  if (!mo) throw managedObjectNotFound(self);
  const handler = METHODS[mo.ref.type]?.[method];
  if (!handler) throw methodNotFound(mo.ref, method);
  return handler({ inv, mo, host: mo.host ?? inv.hosts[0], session, args });
}
