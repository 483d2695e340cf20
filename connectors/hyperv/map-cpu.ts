import type { z } from 'zod';
import { unknown, type CpuVirtualization, type TriState } from '../../src/model/index.js';
import type { Sections } from './document.js';

type Virtualization = z.infer<typeof CpuVirtualization>;

/** true if every processor reports true, false if any reports false, undefined if any did not report. */
function allProcessors(cpu: Sections['cpu'], pick: (p: Sections['cpu']['processors'][number]) => boolean | null | undefined) {
  const values = cpu.processors.map(pick);
  if (values.length === 0 || values.some((v) => typeof v !== 'boolean')) return undefined;
  return values.every(Boolean);
}

/**
 * Hardware virtualization from Win32_Processor and Win32_ComputerSystem.HypervisorPresent (verification.md §7):
 * while the Windows hypervisor runs, Win32_Processor's VirtualizationFirmwareEnabled / VMMonitorModeExtensions (and
 * sometimes SecondLevelAddressTranslationExtensions) read False although VT-x/AMD-V is on. So with a hypervisor present
 * the flags are masked, presence and firmware enablement are inferred true (the hypervisor could not start otherwise),
 * and a False flag is never read as "absent".
 */
export function cpuVirtualization(cpu: Sections['cpu']): Virtualization {
  const vendor = cpu.processors[0]?.manufacturer ?? '';
  const extension: Virtualization['extension'] = /intel/i.test(vendor)
    ? 'vt-x'
    : /amd/i.test(vendor)
      ? 'amd-v'
      : unknown(`CPU vendor "${vendor}" does not imply VT-x or AMD-V`);
  const vmx = allProcessors(cpu, (p) => p.vmMonitorModeExtensions);
  const firmware = allProcessors(cpu, (p) => p.virtualizationFirmwareEnabled);
  const slat = allProcessors(cpu, (p) => p.slat);
  const evidence = [
    `Win32_ComputerSystem.HypervisorPresent=${String(cpu.hypervisorPresent ?? 'not reported')}`,
    `Win32_Processor.VMMonitorModeExtensions=${String(vmx ?? 'not reported')}`,
    `Win32_Processor.VirtualizationFirmwareEnabled=${String(firmware ?? 'not reported')}`,
    `Win32_Processor.SecondLevelAddressTranslationExtensions=${String(slat ?? 'not reported')}`,
  ];

  if (cpu.hypervisorPresent === true) {
    const masked = 'flag reads false while a hypervisor runs (masked); not evidence of absence';
    evidence.push('a running hypervisor implies VT-x/AMD-V present in the CPU and enabled in firmware (inferred)');
    return {
      extension,
      presentInCpu: true,
      enabledInFirmware: true,
      slat: slat === true ? true : unknown(`SLAT ${masked}`),
      hypervisorPresent: true,
      flagsMasked: true,
      evidence,
    };
  }
  const flag = (value: boolean | undefined, name: string): TriState => {
    if (value === undefined) return unknown(`Win32_Processor.${name} not reported`);
    if (value || cpu.hypervisorPresent === false) return value;
    return unknown(`Win32_Processor.${name} reads false but HypervisorPresent is unknown, so it may be masked`);
  };
  return {
    extension,
    presentInCpu: flag(vmx, 'VMMonitorModeExtensions'),
    enabledInFirmware: flag(firmware, 'VirtualizationFirmwareEnabled'),
    slat: flag(slat, 'SecondLevelAddressTranslationExtensions'),
    hypervisorPresent: cpu.hypervisorPresent === false ? false : unknown('Win32_ComputerSystem.HypervisorPresent not reported'),
    flagsMasked: cpu.hypervisorPresent === false ? false : unknown('HypervisorPresent unknown, so masking cannot be ruled out'),
    evidence,
  };
}
