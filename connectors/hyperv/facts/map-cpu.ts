import type { z } from 'zod';
import { unknown, type CpuVirtualization, type TriState } from '../../../src/core/model/index.js';
import type { Sections } from '../collector/document.js';

type Virtualization = z.infer<typeof CpuVirtualization>;

/** true if every processor reports true, false if any reports false, undefined if any did not report. */
function allProcessors(
  cpu: Sections['cpu'],
  pick: (p: Sections['cpu']['processors'][number]) => boolean | null | undefined,
) {
  const values = cpu.processors.map(pick);
  if (values.length === 0 || values.some((v) => typeof v !== 'boolean')) return undefined;
  return values.every(Boolean);
}

/**
 * Hardware virtualization from Win32_Processor, Win32_ComputerSystem.HypervisorPresent and the Windows hypervisor's own
 * counters (verification.md §7). HypervisorPresent is true inside any VM, so it alone proves nothing about this CPU.
 * Only when the Windows hypervisor itself is shown running here (its "Hyper-V Hypervisor" counter set answers) are the
 * Win32_Processor flags masked, and VT-x/AMD-V presence and firmware enablement inferred true (it could not start
 * otherwise). A hypervisor present without that proof is one beneath this OS (a nested lab host): unknown, with why.
 * A False flag is never read as "absent" while it may be masked.
 */
export function cpuVirtualization(cpu: Sections['cpu'], computer?: Sections['computer']): Virtualization {
  const vendor = cpu.processors[0]?.manufacturer;
  const extension: Virtualization['extension'] = !vendor
    ? unknown('Win32_Processor gave no Manufacturer, so VT-x or AMD-V is not known')
    : /intel/i.test(vendor)
      ? 'vt-x'
      : /amd/i.test(vendor)
        ? 'amd-v'
        : unknown(`CPU vendor "${vendor}" does not imply VT-x or AMD-V`);
  const vmx = allProcessors(cpu, (p) => p.vmMonitorModeExtensions);
  const firmware = allProcessors(cpu, (p) => p.virtualizationFirmwareEnabled);
  const slat = allProcessors(cpu, (p) => p.slat);
  const windows = cpu.windowsHypervisor;
  const evidence = [
    `Win32_ComputerSystem.HypervisorPresent=${String(cpu.hypervisorPresent ?? 'not reported')}`,
    `Win32_Processor.VMMonitorModeExtensions=${String(vmx ?? 'not reported')}`,
    `Win32_Processor.VirtualizationFirmwareEnabled=${String(firmware ?? 'not reported')}`,
    `Win32_Processor.SecondLevelAddressTranslationExtensions=${String(slat ?? 'not reported')}`,
    windows
      ? `${windows.source ?? 'Windows hypervisor counters'}: ${windows.running === true ? `running, ${windows.logicalProcessors ?? '?'} logical processors` : `not running (${windows.detail ?? 'no reason given'})`}`
      : 'Windows hypervisor counters not collected',
  ];

  if (cpu.hypervisorPresent === true && windows?.running === true) {
    const masked = 'flag reads false while a hypervisor runs (masked); not evidence of absence';
    evidence.push(
      'the Windows hypervisor runs on this machine, so VT-x/AMD-V is present in the CPU and enabled in firmware (inferred)',
    );
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
  if (cpu.hypervisorPresent === true) {
    const model = [computer?.manufacturer, computer?.model].filter(Boolean).join(' ');
    const why = windows
      ? `the Windows hypervisor is not running on this machine (${windows.detail ?? 'its counters did not answer'})`
      : 'the collector did not report whether the Windows hypervisor runs on this machine';
    const reason = `HypervisorPresent is true but ${why}: the hypervisor present runs beneath this OS${model ? ` (Win32_ComputerSystem: ${model})` : ''}, so whether it exposes VT-x/AMD-V to this OS is unknown`;
    const nested = (value: boolean | undefined, name: string): TriState =>
      value === true ? true : unknown(`Win32_Processor.${name}=${String(value ?? 'not reported')}; ${reason}`);
    return {
      extension,
      presentInCpu: nested(vmx, 'VMMonitorModeExtensions'),
      enabledInFirmware: nested(firmware, 'VirtualizationFirmwareEnabled'),
      slat: nested(slat, 'SecondLevelAddressTranslationExtensions'),
      hypervisorPresent: true,
      flagsMasked: unknown(reason),
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
    hypervisorPresent:
      cpu.hypervisorPresent === false ? false : unknown('Win32_ComputerSystem.HypervisorPresent not reported'),
    flagsMasked:
      cpu.hypervisorPresent === false ? false : unknown('HypervisorPresent unknown, so masking cannot be ruled out'),
    evidence,
  };
}
