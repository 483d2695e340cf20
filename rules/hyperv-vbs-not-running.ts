import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { withDeviceGuard } from '../src/rules/kit/helpers.js';

/** Win32_DeviceGuard.VirtualizationBasedSecurityStatus by value. */
const VBS_STATES = ['not enabled', 'enabled but not running', 'running'];

export default defineRule({
  id: 'hyperv-vbs-not-running',
  title: 'Virtualization-based security is not running on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'threat-detection',
  rationale:
    'VBS uses the hypervisor to isolate secrets and code-integrity checks from the management OS kernel; HVCI and Credential Guard depend on it.',
  risk: 'Kernel exploits and credential theft in the management OS are not contained, and the host controls every VM.',
  remediation: {
    text: 'Enable VBS (Group Policy "Turn On Virtualization Based Security" or the DeviceGuard registry keys) and reboot.',
    powershell:
      "Set-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\DeviceGuard' -Name EnableVirtualizationBasedSecurity -Value 1",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows/security/hardware-security/enable-virtualization-based-protection-of-code-integrity',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = 'hyperv.deviceGuard.vbsStatus';
    return withDeviceGuard(facts, path, (dg) => {
      const label = VBS_STATES[dg.vbsStatus] ?? `status ${dg.vbsStatus}`;
      return dg.vbsStatus === 2
        ? result.pass(path, 'VBS is running.', dg.vbsStatus, 2)
        : result.fail(path, `VBS is ${label}.`, dg.vbsStatus, 2);
    });
  },
});
