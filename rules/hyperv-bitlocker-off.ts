import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-bitlocker-off',
  title: 'A volume of the Hyper-V host is not protected by BitLocker',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'encryption',
  rationale:
    "The host volumes hold every VM's virtual disks, memory and state files; Microsoft's guidance is to encrypt them with BitLocker.",
  risk: "A removed disk, a decommissioned server or a backup of the volume exposes every VM's data.",
  remediation: {
    text: 'Turn on BitLocker with a TPM protector for the OS volume and the volumes holding VM files.',
    powershell: "Enable-BitLocker -MountPoint 'C:' -TpmProtector",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const volumes = facts.hyperv.bitlocker;
    if (isUnknown(volumes)) return result.unknown('hyperv.bitlocker', volumes);
    if (volumes.length === 0) return result.unknown('hyperv.bitlocker', 'no volume was reported');
    return volumes.map((v) => {
      const path = `hyperv.bitlocker[${v.mountPoint}].protectionOn`;
      // The verdict is ProtectionStatus; the volume status only explains it, so an unread one says why it is missing.
      const state = isUnknown(v.volumeStatus)
        ? ` (volume status unknown: ${v.volumeStatus.reason})`
        : ` (${v.volumeStatus})`;
      return v.protectionOn
        ? result.pass(path, `Volume ${v.mountPoint} is protected${state}.`, true, true, v.mountPoint)
        : result.fail(path, `Volume ${v.mountPoint} is not protected by BitLocker${state}.`, false, true, v.mountPoint);
    });
  },
});
