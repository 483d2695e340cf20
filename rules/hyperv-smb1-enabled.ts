import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-smb1-enabled',
  title: 'SMBv1 is enabled on the Hyper-V host',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'SMBv1 lacks pre-authentication integrity and encryption and carried wormable remote code execution bugs; hosts that serve or reach VM storage over SMB need SMB 3.',
  risk: 'EternalBlue-class exploits over SMBv1 give SYSTEM on the management partition and so every VM.',
  remediation: {
    text: 'Disable the SMBv1 server protocol and remove the SMB1 feature.',
    powershell: 'Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Uninstall-WindowsFeature -Name FS-SMB1',
  },
  references: {
    stig: ['WN22-00-000390', 'WN19-00-000390'],
    cve: ['CVE-2017-0144'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const smb = facts.exposure.smb;
    if (isUnknown(smb)) return result.unknown('exposure.smb', smb);
    return smb.smb1Enabled
      ? result.fail('exposure.smb.smb1Enabled', 'The SMB server accepts SMBv1.', true, false)
      : result.pass('exposure.smb.smb1Enabled', 'SMBv1 is disabled.', false, false);
  },
});
