import { unknown, type Fact } from '../../../src/model/fact.js';
import type { EsxiHostFacts } from '../../../src/model/host.js';
import type { ObjectContent } from '../property.js';
import { at, bool, isMoRef, list, objects, refKey, str } from '../value.js';

type Vms = Extract<EsxiHostFacts['vms'], { count: number }>;
type VmSummary = Vms['items'][number];

/** Per-VM hints from the same property pass: firmware, Secure Boot, vTPM, nested HV, passthrough, service VMs. */
export function mapVms(vms: ObjectContent[], serviceVmKeys: string[]): Vms {
  return {
    count: vms.length,
    items: vms.map((vm) => {
      const p = vm.props;
      const devices = objects(p['config.hardware.device']);
      const item: VmSummary = { name: str(p.name) ?? vm.obj.value };
      const power = str(p['runtime.powerState']);
      const guest = str(p['config.guestId']);
      const firmware = str(p['config.firmware']);
      if (power) item.powerState = power;
      if (guest) item.guestOs = guest;
      if (firmware) item.firmware = firmware;
      if (p['config.bootOptions'] !== undefined || firmware) item.secureBoot = secureBoot(vm, firmware);
      if (p['config.hardware.device'] !== undefined) {
        item.vtpm = devices.some((d) => d._type === 'VirtualTPM');
        item.passthroughDevices = devices.filter((d) => d._type === 'VirtualPCIPassthrough').length;
      }
      if (firmware || guest) item.nestedVirtualization = bool(p['config.nestedHVEnabled']) ?? unknown(unreported(vm, 'config.nestedHVEnabled'));
      const extension = str(at(p['config.managedBy'], 'extensionKey'));
      if (extension) {
        item.serviceVm = serviceVmKeys.includes(extension);
        item.introspection = [`managed by extension ${extension}${item.serviceVm ? ' (partner service VM)' : ''}`];
      }
      return item;
    }),
  };
}

/** BIOS firmware has no Secure Boot; an EFI VM's state is in config.bootOptions.efiSecureBootEnabled. */
function secureBoot(vm: ObjectContent, firmware: string | undefined): Fact<boolean> {
  if (firmware === 'bios') return false;
  const bootOptions = vm.props['config.bootOptions'];
  if (bootOptions === undefined) return unknown(unreported(vm, 'config.bootOptions'));
  return bool(at(bootOptions, 'efiSecureBootEnabled')) ?? unknown('config.bootOptions.efiSecureBootEnabled not reported');
}

function unreported(vm: ObjectContent, path: string): string {
  const fault = vm.missing[path];
  return `${path} not reported${fault ? ` (${fault})` : ''}`;
}

/**
 * VM NICs per standard port group: each ethernet card's backing names its port group. A server that does not report
 * the VMs' devices gives their `network` property instead (names from the same pass): one count per VM and network.
 */
export function vmNicsByPortgroup(vms: ObjectContent[], networkNames: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string | undefined) => name !== undefined && counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const vm of vms) {
    if (vm.props['config.hardware.device'] !== undefined) {
      for (const card of objects(vm.props['config.hardware.device']).filter((d) => d.macAddress !== undefined)) add(str(at(card, 'backing.deviceName')));
    } else {
      for (const ref of new Set(list(vm.props.network).filter(isMoRef).map(refKey))) add(networkNames.get(ref));
    }
  }
  return counts;
}

export function extensionKeys(vms: ObjectContent[]): string[] {
  return vms.map((vm) => str(at(vm.props['config.managedBy'], 'extensionKey'))).filter((k): k is string => k !== undefined);
}
