import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-rdp-without-nla',
  title: 'Remote Desktop on the Hyper-V host accepts connections without Network Level Authentication',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'Without NLA the RDP server builds a full session (and runs its pre-authentication code) for anyone who connects.',
  risk: 'Pre-authentication RDP bugs (BlueKeep class) and logon-screen attacks reach the partition that controls every VM.',
  remediation: {
    text: 'Require NLA for RDP, or disable RDP and manage the host remotely with PowerShell over HTTPS/SSH.',
    powershell:
      "Set-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name UserAuthentication -Value 1",
  },
  references: {
    cve: ['CVE-2019-0708'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const rdp = facts.exposure.rdp;
    if (isUnknown(rdp)) return result.unknown('exposure.rdp', rdp);
    if (!rdp.enabled)
      return result.pass('exposure.rdp.enabled', 'Remote Desktop is disabled.', false, 'disabled or NLA');
    return rdp.nla
      ? result.pass('exposure.rdp.nla', 'Remote Desktop requires Network Level Authentication.', true, true)
      : result.fail('exposure.rdp.nla', 'Remote Desktop is enabled without Network Level Authentication.', false, true);
  },
});
