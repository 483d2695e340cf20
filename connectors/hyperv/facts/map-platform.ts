import type { z } from 'zod';
import {
  isUnknown,
  unknown,
  type Cpu,
  type Firmware,
  type Identity,
  type Product,
  type UnknownFact,
} from '../../../src/core/model/index.js';
import { windowsBuild } from './data.js';
import type { Sections } from '../collector/document.js';
import { have, read, readError, type MapContext } from './map-context.js';
import { cpuVirtualization } from './map-cpu.js';

const VIRTUAL_MODELS = /virtual machine|vmware|virtualbox|kvm|qemu|xen|hvm domu|bochs|parallels/i;

export function mapIdentity(ctx: MapContext, name: string, address: string): z.infer<typeof Identity> {
  const c = read(ctx, 'computer');
  if (isUnknown(c)) {
    return { name, address, hardwareVendor: c, hardwareModel: c, systemUuid: c, nested: c };
  }
  return {
    name,
    address,
    hardwareVendor: have(c.manufacturer, 'Win32_ComputerSystem.Manufacturer was empty'),
    hardwareModel: have(c.model, 'Win32_ComputerSystem.Model was empty'),
    systemUuid: have(c.uuid, 'Win32_ComputerSystemProduct.UUID was empty'),
    nested: c.model ? VIRTUAL_MODELS.test(`${c.manufacturer ?? ''} ${c.model}`) : unknown('hardware model was empty'),
  };
}

/** Patch level: the UBR, or on 2012 R2 (no UBR value) the last part of ntoskrnl.exe's file version. */
function patchLevel(os: Sections['os']): string | UnknownFact {
  if (typeof os.ubr === 'number') return String(os.ubr);
  const kernel = os.kernelFileVersion?.split('.');
  if (kernel && kernel.length === 4) return kernel[3];
  return unknown('neither the UBR registry value nor the ntoskrnl.exe file version was readable');
}

export function mapProduct(ctx: MapContext): z.infer<typeof Product> {
  const os = read(ctx, 'os');
  if (isUnknown(os)) {
    return { name: os, version: os, build: os, patchLevel: os, releaseName: os, endOfSupport: os, apiVersion: os };
  }
  const build = Number(os.buildNumber);
  const entry = Number.isInteger(build) ? windowsBuild(build) : undefined;
  let release: string | UnknownFact;
  if (os.productType === 1)
    release = unknown(`build ${os.buildNumber} is a client (workstation) Windows, not a Windows Server release`);
  else if (!entry) release = unknown(`build ${os.buildNumber ?? '(none)'} is not in data/windows-builds.json`);
  else release = entry.releaseName;
  const psVersion = ctx.doc.envelope.psVersion;
  return {
    name: have(os.caption, 'Win32_OperatingSystem.Caption was empty'),
    version: have(os.version, 'Win32_OperatingSystem.Version was empty'),
    build: have(os.buildNumber, 'Win32_OperatingSystem.BuildNumber was empty'),
    patchLevel: patchLevel(os),
    releaseName: release,
    endOfSupport: typeof release === 'string' && entry ? entry.endOfSupport : release,
    apiVersion: have(
      psVersion ? `${Number.parseInt(psVersion, 10) >= 6 ? 'PowerShell' : 'Windows PowerShell'} ${psVersion}` : null,
      'the collector did not report its PowerShell version',
    ),
  };
}

export function mapCpu(ctx: MapContext): z.infer<typeof Cpu> {
  const cpu = read(ctx, 'cpu');
  if (isUnknown(cpu)) {
    return {
      vendor: cpu,
      model: cpu,
      packages: cpu,
      cores: cpu,
      threads: cpu,
      virtualization: {
        extension: cpu,
        presentInCpu: cpu,
        enabledInFirmware: cpu,
        slat: cpu,
        hypervisorPresent: cpu,
        flagsMasked: cpu,
        evidence: [],
      },
    };
  }
  const first = cpu.processors[0];
  const processors = cpu.processors;
  const sum = (pick: (p: (typeof processors)[number]) => number | null | undefined, what: string) => {
    const values = processors.map(pick);
    if (values.length === 0 || values.some((v) => typeof v !== 'number'))
      return unknown(`${what} missing from Win32_Processor`);
    return (values as number[]).reduce((a, b) => a + b, 0);
  };
  return {
    vendor: have(first?.manufacturer, 'no Win32_Processor instance'),
    model: have(first?.name?.trim(), 'no Win32_Processor instance'),
    packages: cpu.processors.length > 0 ? cpu.processors.length : unknown('no Win32_Processor instance'),
    cores: sum((p) => p.cores, 'NumberOfCores'),
    threads: sum((p) => p.logicalProcessors, 'NumberOfLogicalProcessors'),
    virtualization: cpuVirtualization(cpu, ctx.doc.sections.computer),
  };
}

/** "2.0, 0, 1.38" → "2.0" (Win32_Tpm.SpecVersion lists the highest supported version first). */
function tpmVersion(tpm: Sections['tpm']): string | null | UnknownFact {
  if (tpm.present === false) return null;
  const version = tpm.specVersion?.split(',')[0]?.trim();
  return have(version || null, 'Win32_Tpm.SpecVersion was empty');
}

export function mapFirmware(ctx: MapContext): z.infer<typeof Firmware> {
  const sb = read(ctx, 'secureBoot');
  const tpm = read(ctx, 'tpm');
  let type: z.infer<typeof Firmware>['type'];
  if (isUnknown(sb)) type = sb;
  else if (typeof sb.uefi === 'boolean') type = sb.uefi ? 'uefi' : 'bios';
  else if (sb.firmwareTypeEnv === 'UEFI' || sb.firmwareTypeEnv === 'Legacy')
    type = sb.firmwareTypeEnv === 'UEFI' ? 'uefi' : 'bios';
  else type = unknown(`firmware type not determined: ${sb.detail ?? 'no source answered'}`);
  return {
    type,
    secureBoot: isUnknown(sb)
      ? sb
      : have(
          sb.enabled,
          `Secure Boot state not readable: ${[sb.detail, readError(ctx, 'secureBoot', 'UEFISecureBootEnabled')].filter(Boolean).join('; ') || 'no source answered'}`,
        ),
    tpmPresent: isUnknown(tpm) ? tpm : have(tpm.present, 'TPM presence not reported'),
    tpmVersion: isUnknown(tpm) ? tpm : tpmVersion(tpm),
  };
}

/**
 * The hypervisor image this CPU runs: hvix64.exe on Intel, hvax64.exe on AMD. Without a vendor that names one, only a
 * lone image found is taken. An entry without its name or path (the collector writes both) is unknown, not 'unknown'.
 */
export function hypervisorImage(ctx: MapContext) {
  const bin = read(ctx, 'hypervisorBinary');
  if (isUnknown(bin)) return bin;
  const vendor = ctx.doc.sections.cpu?.processors[0]?.manufacturer;
  const wanted = /amd/i.test(vendor ?? '') ? 'hvax64.exe' : /intel/i.test(vendor ?? '') ? 'hvix64.exe' : undefined;
  if (!wanted && bin.files.length > 1) {
    const why = vendor ? `CPU vendor "${vendor}" is neither Intel nor AMD` : 'Win32_Processor gave no Manufacturer';
    return unknown(`${why}, so which of ${bin.files.map((f) => f.name ?? f.path).join(', ')} runs is not known`);
  }
  const file = bin.files.find((f) => f.name?.toLowerCase() === wanted) ?? (wanted ? undefined : bin.files[0]);
  if (!file || typeof file.size !== 'number') {
    return unknown(`hypervisor image not found (looked for ${bin.searched.join(', ') || 'hvix64.exe, hvax64.exe'})`);
  }
  if (!file.name || !file.path) return unknown(`the hypervisor image entry has no ${file.name ? 'path' : 'name'}`);
  return {
    name: file.name,
    path: file.path,
    version: have(file.version, `Get-Item gave no file version for ${file.path}`),
    size: file.size,
  };
}
