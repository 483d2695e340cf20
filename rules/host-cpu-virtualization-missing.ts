import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';

const PATH = 'cpu.virtualization';

export default defineRule({
  id: 'host-cpu-virtualization-missing',
  title: 'CPU virtualization extensions (VT-x/AMD-V, SLAT) are absent or disabled in firmware',
  severity: 'high',
  platforms: ['esxi', 'hyperv'],
  category: 'resilience',
  rationale:
    'Hyper-V needs VT-x/AMD-V enabled in firmware and SLAT (EPT/RVI); ESXi needs them for 64-bit guests and hardware-assisted MMU. A running hypervisor masks the flags it reads back, so masked flags are not "absent".',
  risk: 'Without the extensions the hypervisor cannot start (Hyper-V) or falls back to slower, less isolated software techniques; VBS/HVCI cannot run either.',
  remediation: {
    text: 'Enable Intel VT-x/AMD-V (SVM) and VT-d/IOMMU in the UEFI setup, or replace hardware without SLAT. For nested lab hosts, expose hardware virtualization to the VM (vhv.enable / ExposeVirtualizationExtensions).',
  },
  references: {
    urls: ['https://learn.microsoft.com/en-us/virtualization/hyper-v-on-windows/reference/hyper-v-requirements'],
  },
  params: noParams,
  evaluate(facts) {
    const v = facts.cpu.virtualization;
    const observed = {
      extension: isUnknown(v.extension) ? null : v.extension,
      presentInCpu: isUnknown(v.presentInCpu) ? null : v.presentInCpu,
      enabledInFirmware: isUnknown(v.enabledInFirmware) ? null : v.enabledInFirmware,
      slat: isUnknown(v.slat) ? null : v.slat,
      hypervisorPresent: isUnknown(v.hypervisorPresent) ? null : v.hypervisorPresent,
    };
    const expected = 'present, enabled in firmware, with SLAT';
    // The flags read false under a running hypervisor (Hyper-V root partition): in use, not absent.
    if (v.flagsMasked === true || (facts.platform === 'hyperv' && v.hypervisorPresent === true)) {
      return result.pass(
        `${PATH}.hypervisorPresent`,
        'A hypervisor is running, so the extensions are enabled and in use (CPU flags read back masked).',
        observed,
        expected,
      );
    }
    if (isUnknown(v.presentInCpu)) return result.unknown(`${PATH}.presentInCpu`, v.presentInCpu);
    if (!v.presentInCpu)
      return result.fail(
        `${PATH}.presentInCpu`,
        'The CPU has no hardware virtualization extensions.',
        observed,
        expected,
        'extensions',
      );
    if (isUnknown(v.enabledInFirmware)) return result.unknown(`${PATH}.enabledInFirmware`, v.enabledInFirmware);
    if (!v.enabledInFirmware)
      return result.fail(
        `${PATH}.enabledInFirmware`,
        'The CPU has virtualization extensions but the firmware has them disabled.',
        observed,
        expected,
        'firmware',
      );
    if (isUnknown(v.slat)) return result.unknown(`${PATH}.slat`, v.slat);
    if (!v.slat)
      return {
        ...result.fail(
          `${PATH}.slat`,
          'The CPU lacks second-level address translation (EPT/RVI).',
          observed,
          expected,
          'slat',
        ),
        severity: 'medium',
      };
    if (facts.platform === 'hyperv' && facts.hyperv.role.hypervInstalled === true && v.hypervisorPresent === false) {
      return {
        ...result.fail(
          `${PATH}.hypervisorPresent`,
          'The Hyper-V role is installed but the hypervisor is not running (hypervisorlaunchtype off?).',
          observed,
          'hypervisor running',
          'hypervisor',
        ),
        severity: 'medium',
      };
    }
    return result.pass(
      PATH,
      'Virtualization extensions are present, enabled in firmware, with SLAT.',
      observed,
      expected,
    );
  },
});
