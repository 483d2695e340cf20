import { FACTS_SCHEMA_VERSION, type EsxiHostFacts } from '../../../src/core/model/host.js';
import { isKnown, unknown, type Fact } from '../../../src/core/model/fact.js';
import type { PeerCertificateInfo } from '../../../src/core/net/tls.js';
import type { HostRaw } from '../inventory/retrieve.js';
import { notRequestedReason } from '../inventory/retrieve.js';
import { at, bool, obj, objects, str, strings, type VimObject } from '../vim25/value.js';
import type { Catalogs } from './catalog.js';
import { hvSupport, mapCli, mapTardisks } from './cli.js';
import { mapCpu, mapFirmware } from './cpu.js';
import { mapActiveDirectory } from './directory.js';
import { mapAdvancedOptions, mapFirewall, mapLockdown, mapMob, mapNetwork, mapServices, mapSnmp } from './exposure.js';
import { mapProduct } from './product.js';
import { mapEsxiFootprint } from './footprint.js';
import { deviceDrivers, mapAgents, mapModuleImages, mapModules, mapVibs, normaliseAcceptance } from './software.js';
import { mapVms, partnerServiceVms, vmNicsByPortgroup } from './vms.js';

type Collection = EsxiHostFacts['collection'];

export interface MapInput {
  raw: HostRaw;
  /** content.about of the endpoint: the host itself when standalone, the vCenter otherwise. */
  about: VimObject;
  standalone: boolean;
  target: { name: string; host: string };
  managedBy?: string;
  collection: Omit<Collection, 'errors'>;
  certificate?: PeerCertificateInfo;
  catalogs: Catalogs;
}

/** A host path the answers lack, with the fault the server gave for it. */
function unreported(raw: HostRaw, path: string): string {
  return `${path} not reported${raw.missing[path] ? `: ${raw.missing[path]}` : ''}`;
}

/** Pure: the API's answers for one host → HostFacts. Every fact the answers lack is unknown with a reason. */
export function mapHostFacts(input: MapInput): EsxiHostFacts {
  const { raw, catalogs } = input;
  const props = raw.props;
  const product = obj(props['config.product']);
  const hostAbout = input.standalone ? input.about : undefined;
  const apiVersion = str(product?.apiVersion) ?? str(hostAbout?.apiVersion);
  const hardware = obj(props['summary.hardware']);
  const cpu = mapCpu(props, hvSupport(raw.esxcli));
  const firewall = mapFirewall(props['config.firewall']);
  const services = mapServices(raw, firewall);
  const options = mapAdvancedOptions(raw);
  const partnerSvms = partnerServiceVms(raw.vms, catalogs.serviceVms);
  const vibs = mapVibs(raw.managers.softwarePackages);
  const modules = mapModules(
    raw.managers.modules,
    deviceDrivers(props['config.network'], props['config.storageDevice.hostBusAdapter']),
  );
  const acceptance = raw.managers.acceptance;
  const profile = raw.managers.imageProfile;
  const installDate = raw.managers.installDate;
  const stateEncryption = obj(props['runtime.stateEncryption']);
  const featureCapability = props['config.featureCapability'];
  const ntp = at(props['config.dateTimeInfo'], 'ntpConfig');
  const vendor = str(hardware?.vendor);
  const model = str(hardware?.model);
  const nestedByModel = vendor === 'VMware, Inc.' && /VMware/i.test(model ?? '');
  const hv = cpu.virtualization.hypervisorPresent;
  const network = mapNetwork(raw, vmNicsByPortgroup(raw.vms, raw.networkNames));

  return {
    schemaVersion: FACTS_SCHEMA_VERSION,
    platform: 'esxi',
    identity: {
      name: input.standalone ? input.target.name : (str(props.name) ?? raw.ref.value),
      address: input.standalone ? input.target.host : (str(props.name) ?? raw.ref.value),
      hardwareVendor: vendor ?? unknown('summary.hardware.vendor not reported'),
      hardwareModel: model ?? unknown('summary.hardware.model not reported'),
      systemUuid:
        str(at(props['hardware.systemInfo'], 'uuid')) ?? str(hardware?.uuid) ?? unknown('no system UUID reported'),
      ...(input.managedBy ? { managedBy: input.managedBy } : {}),
      nested:
        nestedByModel || (isKnown(hv) && hv)
          ? true
          : isKnown(hv)
            ? false
            : unknown('neither CPUID nor hardware model tells'),
    },
    product: mapProduct(product, hostAbout, catalogs.builds),
    cpu,
    firmware: mapFirmware(props, apiVersion),
    footprint: mapEsxiFootprint({
      modules: mapModuleImages(raw.managers.modules),
      tardisks: mapTardisks(raw.esxcli),
      services,
      firewall,
      catalog: catalogs.bootModules,
    }),
    drivers: isKnown(vibs) ? (isKnown(modules) ? [...vibs, ...modules] : modules) : vibs,
    agents: mapAgents(
      {
        packages: raw.managers.softwarePackages,
        serviceKeys: isKnown(services) ? services.map((s) => s.name) : undefined,
        rulesetKeys: isKnown(firewall) ? firewall.rulesets.map((r) => r.key) : undefined,
        partnerServiceVms: partnerSvms,
      },
      catalogs.agents,
    ),
    services,
    vms: mapVms(raw.vms, catalogs.serviceVms),
    exposure: { firewall, lockdown: mapLockdown(raw), network, mob: mapMob(options), snmp: mapSnmp(raw) },
    esxi: {
      apiType: str(product?.apiType) ?? str(hostAbout?.apiType) ?? unknown('config.product.apiType not reported'),
      acceptanceLevel: acceptance.ok
        ? (normaliseAcceptance(str(acceptance.value)) ??
          unknown(`unrecognised acceptance level "${str(acceptance.value)}"`))
        : unknown(acceptance.reason),
      imageProfile: profile.ok
        ? (str(at(profile.value, 'name')) ?? unknown('image profile has no name'))
        : unknown(profile.reason),
      installDate: installDate.ok
        ? (str(installDate.value) ?? unknown('installDate returned nothing'))
        : unknown(installDate.reason),
      advancedOptions: options,
      ntp:
        ntp !== undefined
          ? { servers: strings(at(ntp, 'server')) }
          : unknown('config.dateTimeInfo.ntpConfig not reported'),
      activeDirectory: mapActiveDirectory(props['config.authenticationManagerInfo']),
      stateEncryption: stateEncryption
        ? {
            protectionMode:
              str(stateEncryption.protectionMode) ??
              unknown('runtime.stateEncryption.protectionMode not reported by the host'),
            requireSecureBoot:
              bool(stateEncryption.requireSecureBoot) ??
              unknown('runtime.stateEncryption.requireSecureBoot not reported by the host'),
            requireExecInstalledOnly:
              bool(stateEncryption.requireExecInstalledOnly) ??
              unknown('runtime.stateEncryption.requireExecInstalledOnly not reported by the host'),
          }
        : unknown(
            notRequestedReason('runtime.stateEncryption', apiVersion) ?? unreported(raw, 'runtime.stateEncryption'),
          ),
      certificate: input.certificate ?? unknown('no server certificate was captured'),
      featureCapability:
        featureCapability !== undefined
          ? featureCapabilities(objects(featureCapability))
          : unknown(
              `config.featureCapability not reported by the host${raw.missing['config.featureCapability'] ? `: ${raw.missing['config.featureCapability']}` : ''}`,
            ),
      cli: mapCli(raw.esxcli),
    },
    collection: { ...input.collection, errors: raw.errors },
  };
}

/** vim25 HostFeatureCapability requires key and value (govmomi types.go: no omitempty): an entry without is not guessed. */
export function featureCapabilities(entries: VimObject[]): Fact<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [i, f] of entries.entries()) {
    const key = str(f.key);
    const value = str(f.value);
    if (key === undefined || value === undefined)
      return unknown(
        `config.featureCapability entry ${i + 1}${key ? ` (${key})` : ''} has no ${key === undefined ? 'key' : 'value'}`,
      );
    out[key] = value;
  }
  return out;
}
