import { defineRule, isUnknown, noParams, result, type RuleResult } from '../src/rules/kit/define.js';
import { windowsStigSeverity } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-host-secure-boot-off',
  title: 'UEFI Secure Boot is off (or the firmware is legacy BIOS) on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'software-supply-chain',
  rationale:
    'Secure Boot verifies the boot manager, the hypervisor loader and the Windows kernel, and VBS relies on it. Legacy BIOS cannot provide it.',
  risk: 'A bootkit loads below the hypervisor and controls the host and every VM, invisible to the OS.',
  remediation: {
    text: 'Switch the firmware to UEFI mode and enable Secure Boot (convert the disk with MBR2GPT first when needed).',
    powershell: 'Confirm-SecureBootUEFI',
  },
  references: {
    stig: ['WN22-00-000470', 'WN19-00-000470'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-hardware/design/device-experiences/oem-secure-boot',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const { type, secureBoot } = facts.firmware;
    // WN22-00-000470 is CAT II, WN19-00-000470 CAT III: a finding carries the category of the host's release.
    const severity = windowsStigSeverity(facts, { ws2019: 'WN19-00-000470', ws2022: 'WN22-00-000470' });
    const fail = (r: RuleResult): RuleResult => (severity ? { ...r, severity } : r);
    if (type === 'bios')
      return fail(
        result.fail(
          'firmware.type',
          'The host boots in legacy BIOS mode, which has no Secure Boot.',
          'bios',
          'uefi with Secure Boot',
        ),
      );
    if (isUnknown(secureBoot)) return result.unknown('firmware.secureBoot', secureBoot);
    return secureBoot
      ? result.pass('firmware.secureBoot', 'UEFI Secure Boot is on.', true, true)
      : fail(result.fail('firmware.secureBoot', 'UEFI Secure Boot is off.', false, true));
  },
});
