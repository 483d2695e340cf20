import { unknown, type Fact } from '../../../src/core/model/fact.js';
import type { EsxiHostFacts } from '../../../src/core/model/host.js';
import { at, bool, num, objects, str, type VimValue } from '../vim25/value.js';
import { versionAtLeast } from '../../../src/core/text/version.js';

type Props = Record<string, VimValue>;

/** Bit n of a CPUID register string ("1001:0111:…", MSB first); '-' or anything else is unknown. */
export function cpuidBit(register: string | undefined, n: number): boolean | undefined {
  if (register === undefined) return undefined;
  const bits = register.replace(/:/g, '');
  if (bits.length !== 32) return undefined;
  const c = bits[31 - n];
  return c === '1' ? true : c === '0' ? false : undefined;
}

/** `level` is a signed xsd:int on the wire: 0x80000001 arrives as -2147483647. */
function leaf(props: Props, level: number) {
  return objects(props['hardware.cpuFeature']).find((f) => (num(f.level) ?? NaN) >>> 0 === level);
}

function tri(value: boolean | undefined, reason: string): Fact<boolean> {
  return value === undefined ? unknown(reason) : value;
}

/** KB 1011712's meanings of esxcli's HV Support value. */
const HV_SUPPORT_MEANING = [
  'VT-x/AMD-V not available on this hardware',
  'VT-x/AMD-V might be available but is not supported on this hardware',
  'VT-x/AMD-V available but not enabled in the BIOS',
  'VT-x/AMD-V enabled in the BIOS and usable',
];

/** `hvSupport` is esxcli's HV Support when it was read: the vmkernel's own verdict, preferred over any inference. */
export function mapCpu(
  props: Props,
  hvSupport: Fact<number> = unknown('esxcli was not run for this host'),
): EsxiHostFacts['cpu'] {
  const pkg = objects(props['hardware.cpuPkg'])[0];
  const vendor = str(pkg?.vendor)?.toLowerCase();
  const info = props['hardware.cpuInfo'];
  const capability = props.capability;
  const evidence: string[] = [];
  const noFeature = 'hardware.cpuFeature not reported by the host';

  const leaf1 = leaf(props, 1);
  const ext = leaf(props, 0x80000001);
  let presentInCpu: boolean | undefined;
  if (vendor === 'intel') {
    presentInCpu = cpuidBit(str(leaf1?.ecx), 5);
    if (presentInCpu !== undefined) evidence.push(`hardware.cpuFeature leaf 1 ECX[5] (VMX) = ${presentInCpu ? 1 : 0}`);
  } else if (vendor === 'amd') {
    presentInCpu = cpuidBit(str(ext?.ecx), 2);
    if (presentInCpu !== undefined)
      evidence.push(`hardware.cpuFeature leaf 0x80000001 ECX[2] (SVM) = ${presentInCpu ? 1 : 0}`);
  }
  const hypervisorPresent = cpuidBit(str(leaf1?.ecx), 31);
  if (hypervisorPresent !== undefined)
    evidence.push(`hardware.cpuFeature leaf 1 ECX[31] (hypervisor present) = ${hypervisorPresent ? 1 : 0}`);

  // No vim25 property carries esxcli's "HV Support"; without it, nested-HV support implies the host can use VT-x/AMD-V.
  const nestedHV = bool(at(capability, 'nestedHVSupported'));
  const hvCapable = objects(props['config.featureCapability']).find((f) => str(f.key) === 'hv.capable');
  let enabledInFirmware: boolean | undefined;
  let firmwareReason =
    'no vim25 property reports whether firmware enabled VT-x/AMD-V (esxcli "HV Support" only); capability.nestedHVSupported and featureCapability hv.capable are absent or false';
  if (typeof hvSupport === 'number') {
    evidence.push(
      `esxcli hardware cpu global get HVSupport=${hvSupport} (${HV_SUPPORT_MEANING[hvSupport]}; structured field name unverified)`,
    );
    if (hvSupport >= 2) presentInCpu = true;
    if (hvSupport === 0) presentInCpu = false;
    if (hvSupport !== 1) enabledInFirmware = hvSupport === 3;
    else firmwareReason = `esxcli HV Support = 1: ${HV_SUPPORT_MEANING[1]}`;
  } else if (hvCapable) {
    enabledInFirmware = str(hvCapable.value) === '1';
    evidence.push(`config.featureCapability hv.capable = ${str(hvCapable.value)} (meaning unverified)`);
  } else if (nestedHV === true) {
    enabledInFirmware = true;
    evidence.push('capability.nestedHVSupported = true');
  }
  const slat = bool(at(capability, 'cpuHwMmuSupported'));
  if (slat !== undefined) evidence.push(`capability.cpuHwMmuSupported = ${slat}`);
  const noCapability =
    capability === undefined ? 'the host reports no capability object' : 'capability.cpuHwMmuSupported not reported';

  return {
    vendor: vendor ? vendor : unknown('hardware.cpuPkg[].vendor not reported'),
    model: str(pkg?.description) ?? str(at(props['summary.hardware'], 'cpuModel')) ?? unknown('no CPU model reported'),
    packages: num(at(info, 'numCpuPackages')) ?? unknown('hardware.cpuInfo not reported'),
    cores: num(at(info, 'numCpuCores')) ?? unknown('hardware.cpuInfo not reported'),
    threads: num(at(info, 'numCpuThreads')) ?? unknown('hardware.cpuInfo not reported'),
    virtualization: {
      extension:
        vendor === 'intel'
          ? 'vt-x'
          : vendor === 'amd'
            ? 'amd-v'
            : unknown(`CPU vendor "${vendor ?? 'none'}" implies no known extension`),
      presentInCpu: tri(
        presentInCpu,
        leaf1 || ext ? 'the CPUID bit is not reported (unknown bit or vendor)' : noFeature,
      ),
      enabledInFirmware: tri(
        enabledInFirmware,
        typeof hvSupport === 'number' ? firmwareReason : `${firmwareReason}; esxcli: ${hvSupport.reason}`,
      ),
      slat: tri(slat, noCapability),
      hypervisorPresent: tri(hypervisorPresent, noFeature),
      // ESXi reads CPUID on bare metal; only a hypervisor underneath (nested lab host) could mask it.
      flagsMasked:
        hypervisorPresent === false
          ? false
          : unknown('the host runs under another hypervisor, which may mask CPU flags'),
      evidence,
    },
  };
}

export function mapFirmware(props: Props, apiVersion: string | undefined): EsxiHostFacts['firmware'] {
  const capability = props.capability;
  const firmwareType = str(at(props['hardware.biosInfo'], 'firmwareType'))?.toUpperCase();
  const secureBoot = bool(at(capability, 'uefiSecureBoot'));
  const tpm = bool(at(capability, 'tpmSupported'));
  const tpmVersion = str(at(capability, 'tpmVersion'));
  const noCapability = 'the host reports no capability object';
  return {
    type:
      firmwareType === 'UEFI'
        ? 'uefi'
        : firmwareType === 'BIOS'
          ? 'bios'
          : unknown('hardware.biosInfo.firmwareType not reported by the host'),
    secureBoot:
      secureBoot ??
      unknown(
        versionAtLeast(apiVersion, '8.0.3')
          ? capability === undefined
            ? noCapability
            : 'capability.uefiSecureBoot not reported'
          : `capability.uefiSecureBoot exists from API 8.0.3.0; this host's API is ${apiVersion ?? 'unknown'}`,
      ),
    tpmPresent: tpm ?? unknown(capability === undefined ? noCapability : 'capability.tpmSupported not reported'),
    tpmVersion:
      tpm === false
        ? null
        : tpmVersion
          ? tpmVersion
          : unknown(tpm ? 'capability.tpmVersion not reported' : noCapability),
  };
}
