import { defineRule, isUnknown, result, requiredControlParams } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-smb-encryption-off',
  title: 'SMB encryption is off on the Hyper-V host (VM storage and migration traffic travel in clear)',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'encryption',
  rationale:
    'Microsoft advises SMB 3 encryption for storage migration and VM files reached over SMB unless that traffic stays on a private network.',
  risk: 'Anyone on the path reads VM disks and memory contents in transit.',
  remediation: {
    text: 'Encrypt SMB server-wide or per VM share, or keep storage and migration traffic on an isolated network and record that with a suppression.',
    powershell: 'Set-SmbServerConfiguration -EncryptData $true -Force',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-server/storage/file-server/smb-security',
    ],
  },
  params: requiredControlParams,
  evaluate(facts, params) {
    const path = 'exposure.smb.encryptData';
    if (!params.required) return result.notApplicable(path, 'The profile does not require SMB encryption.');
    const smb = facts.exposure.smb;
    if (isUnknown(smb)) return result.unknown('exposure.smb', smb);
    if (isUnknown(smb.encryptData)) return result.unknown(path, smb.encryptData);
    return smb.encryptData
      ? result.pass(path, 'The SMB server encrypts data.', true, true)
      : result.fail(path, 'The SMB server does not encrypt data server-wide.', false, true);
  },
});
