import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { withDeviceGuard } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-hvci-not-running',
  title: 'Memory integrity (HVCI) is not running on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'threat-detection',
  rationale:
    'Hypervisor-protected code integrity checks every kernel-mode driver in the secure kernel, so an unsigned or tampered driver cannot load into the management OS.',
  risk: 'A malicious or vulnerable driver loads into the root partition kernel, which controls every VM.',
  remediation: {
    text: 'Enable memory integrity (Group Policy VBS "Virtualization Based Protection of Code Integrity") after checking driver compatibility, and reboot.',
    powershell:
      "Set-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\DeviceGuard\\Scenarios\\HypervisorEnforcedCodeIntegrity' -Name Enabled -Value 1",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows/security/hardware-security/enable-virtualization-based-protection-of-code-integrity',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = 'hyperv.deviceGuard.servicesRunning';
    return withDeviceGuard(facts, path, (dg) => {
      if (dg.servicesRunning.includes(2))
        return result.pass(path, 'Memory integrity (HVCI) is running.', dg.servicesRunning, 'contains 2');
      const configured = dg.servicesConfigured.includes(2)
        ? ' It is configured but not running (reboot or incompatible driver?).'
        : '';
      return result.fail(
        path,
        `Memory integrity (HVCI) is not running.${configured}`,
        dg.servicesRunning,
        'contains 2',
      );
    });
  },
});
