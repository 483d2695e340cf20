import { unknown, type Fact } from '../../../src/core/model/fact.js';
import type { EsxiHostFacts } from '../../../src/core/model/host.js';
import type { ObjectContent } from '../property/property.js';
import { at, bool, isMoRef, list, objects, refKey, str, type VimValue } from '../vim25/value.js';
import type { ServiceVmCatalog } from './catalog.js';

type Vms = Extract<EsxiHostFacts['vms'], { count: number }>;
type VmSummary = Vms['items'][number];

/**
 * What config.managedBy makes of a VM: a partner service VM or not, and why (the catalogue entry). ManagedByInfo.type is
 * required (govmomi vim25/types/types.go: no omitempty); without it, an extension the catalogue tells apart by type
 * (EAM: vCLS agent or partner SVM) leaves the answer unknown instead of matching only '*' entries.
 */
export function classifyManagedBy(
  managedBy: VimValue | undefined,
  catalog: ServiceVmCatalog,
): { partner: Fact<boolean>; note: string } | undefined {
  const extensionKey = str(at(managedBy, 'extensionKey'));
  if (!extensionKey) return undefined;
  const type = str(at(managedBy, 'type'));
  const by = `managed by extension ${extensionKey}${type ? ` (type ${type})` : ''}`;
  if (type === undefined) {
    const typed = [...catalog.notPartner, ...catalog.partner].some(
      (e) => e.extensionKey === extensionKey && e.type !== '*',
    );
    if (typed)
      return {
        partner: unknown(
          `config.managedBy of extension ${extensionKey} gave no type (ManagedByInfo.type), which tells a vCLS agent from a partner service VM`,
        ),
        note: `${by}, type not reported`,
      };
  }
  const matches = (e: ServiceVmCatalog['partner'][number]) =>
    e.extensionKey === extensionKey && (e.type === '*' || e.type === type);
  const platform = catalog.notPartner.find(matches);
  if (platform) return { partner: false, note: `${by}: ${platform.what}, not a partner service VM` };
  const partner = catalog.partner.find(matches);
  if (partner)
    return {
      partner: true,
      note: `${by}: ${partner.what}${partner.unverified ? ` (unverified: ${partner.unverified})` : ''}`,
    };
  return { partner: false, note: by };
}

/** Names of the partner service VMs on a host (config.managedBy classified by data/agents/esxi-service-vms.json). */
export function partnerServiceVms(vms: ObjectContent[], catalog: ServiceVmCatalog): string[] {
  return vms
    .filter((vm) => classifyManagedBy(vm.props['config.managedBy'], catalog)?.partner === true)
    .map((vm) => str(vm.props.name) ?? vm.obj.value);
}

/** Per-VM hints from the same property pass: firmware, Secure Boot, vTPM, nested HV, passthrough, service VMs. */
export function mapVms(vms: ObjectContent[], serviceVms: ServiceVmCatalog): Vms {
  return {
    count: vms.length,
    items: vms.map((vm) => {
      const p = vm.props;
      const firmware = str(p['config.firmware']);
      const item: VmSummary = {
        name: str(p.name) ?? vm.obj.value,
        secureBoot: secureBoot(vm, firmware),
        nestedVirtualization: bool(p['config.nestedHVEnabled']) ?? unknown(unreported(vm, 'config.nestedHVEnabled')),
        ...deviceFacts(vm),
      };
      const power = str(p['runtime.powerState']);
      const guest = str(p['config.guestId']);
      if (power) item.powerState = power;
      if (guest) item.guestOs = guest;
      if (firmware) item.firmware = firmware;
      const managedBy = classifyManagedBy(p['config.managedBy'], serviceVms);
      if (managedBy) {
        item.serviceVm = managedBy.partner;
        item.introspection = [managedBy.note];
      }
      return item;
    }),
  };
}

/** vTPM and passthrough devices both come from config.hardware.device. */
function deviceFacts(vm: ObjectContent): Pick<VmSummary, 'vtpm' | 'passthroughDevices'> {
  if (vm.props['config.hardware.device'] === undefined) {
    const why = unknown(unreported(vm, 'config.hardware.device'));
    return { vtpm: why, passthroughDevices: why };
  }
  const devices = objects(vm.props['config.hardware.device']);
  return {
    vtpm: devices.some((d) => d._type === 'VirtualTPM'),
    passthroughDevices: devices.filter((d) => d._type === 'VirtualPCIPassthrough').length,
  };
}

/** BIOS firmware has no Secure Boot; an EFI VM's state is in config.bootOptions.efiSecureBootEnabled. */
function secureBoot(vm: ObjectContent, firmware: string | undefined): Fact<boolean> {
  if (firmware === 'bios') return false;
  const bootOptions = vm.props['config.bootOptions'];
  if (bootOptions === undefined) return unknown(unreported(vm, 'config.bootOptions'));
  return (
    bool(at(bootOptions, 'efiSecureBootEnabled')) ?? unknown('config.bootOptions.efiSecureBootEnabled not reported')
  );
}

function unreported(vm: ObjectContent, path: string): string {
  const fault = vm.missing[path];
  return `${path} not reported${fault ? ` (${fault})` : ''}`;
}

/**
 * VM NICs per standard port group: each ethernet card's backing names its port group. A server that does not report
 * the VMs' devices gives their `network` property instead (names from the same pass): one count per VM and network.
 */
export function vmNicsByPortgroup(vms: ObjectContent[], networkNames: Map<string, string>): Fact<Map<string, number>> {
  const counts = new Map<string, number>();
  const add = (name: string | undefined) => name !== undefined && counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const vm of vms) {
    if (vm.props['config.hardware.device'] !== undefined) {
      for (const card of objects(vm.props['config.hardware.device']).filter((d) => d.macAddress !== undefined))
        add(str(at(card, 'backing.deviceName')));
    } else if (vm.props.network !== undefined) {
      for (const ref of new Set(list(vm.props.network).filter(isMoRef).map(refKey))) {
        const name = networkNames.get(ref);
        // Dropping the NIC would clear a port group it may sit on.
        if (name === undefined)
          return unknown(`VM ${str(vm.props.name) ?? vm.obj.value}: network ${ref} has no name in the reply`);
        add(name);
      }
    } else {
      // Counting such a VM as no NIC would clear a port group it may sit on.
      return unknown(
        `VM ${str(vm.props.name) ?? vm.obj.value}: ${unreported(vm, 'config.hardware.device')} and network not reported`,
      );
    }
  }
  return counts;
}
