import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-smb-signing-not-required',
  title: 'The SMB server on the Hyper-V host does not require signing',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'Hyper-V hosts serve and reach VM storage, live migration and management over SMB; without required signing, sessions can be relayed or tampered with.',
  risk: "NTLM relay to the host's SMB server gives an attacker administrator access to the management OS and every VM file.",
  remediation: {
    text: 'Require SMB signing on the server (Group Policy "Microsoft network server: Digitally sign communications (always)").',
    powershell: 'Set-SmbServerConfiguration -RequireSecuritySignature $true -Force',
  },
  references: { urls: ['https://learn.microsoft.com/en-us/windows-server/storage/file-server/smb-signing-overview'] },
  params: noParams,
  evaluate(facts) {
    const smb = facts.exposure.smb;
    const path = 'exposure.smb.requireSigning';
    if (isUnknown(smb)) return result.unknown('exposure.smb', smb);
    if (isUnknown(smb.requireSigning)) return result.unknown(path, smb.requireSigning);
    return smb.requireSigning
      ? result.pass(path, 'The SMB server requires signing.', true, true)
      : result.fail(path, 'The SMB server does not require signing.', false, true);
  },
});
