import { defineRule, isUnknown, result, requiredControlParams } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-tpm-missing',
  title: 'The Hyper-V host has no TPM 2.0',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'encryption',
  rationale:
    'TPM 2.0 seals BitLocker keys to the measured boot, backs Credential Guard and System Guard, and is required for guarded fabric and shielded VMs.',
  risk: 'Disk encryption keys and boot integrity cannot be tied to the hardware; stolen disks or a tampered boot chain go unnoticed.',
  remediation: {
    text: 'Enable the TPM in firmware (or fit a TPM 2.0 module) and switch it to 2.0 mode where the firmware offers both.',
    powershell: 'Get-Tpm',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-server/security/guarded-fabric-shielded-vm/guarded-fabric-and-shielded-vms',
    ],
  },
  params: requiredControlParams,
  evaluate(facts, params) {
    if (!params.required) return result.notApplicable('firmware.tpmPresent', 'The profile does not require a TPM.');
    const { tpmPresent, tpmVersion } = facts.firmware;
    if (isUnknown(tpmPresent)) return result.unknown('firmware.tpmPresent', tpmPresent);
    if (!tpmPresent) return result.fail('firmware.tpmPresent', 'No TPM is present or enabled.', false, '2.0');
    if (isUnknown(tpmVersion)) return result.unknown('firmware.tpmVersion', tpmVersion);
    return tpmVersion !== null && tpmVersion.startsWith('2')
      ? result.pass('firmware.tpmVersion', `TPM ${tpmVersion} is present.`, tpmVersion, '2.0')
      : result.fail(
          'firmware.tpmVersion',
          `The TPM is version ${tpmVersion ?? 'unknown'}, not 2.0.`,
          tpmVersion,
          '2.0',
        );
  },
});
