import { defineRule, isUnknown, noParams, result, type RuleResult } from '../src/rules/define.js';

export default defineRule({
  id: 'hyperv-winrm-insecure',
  title: 'WinRM on the Hyper-V host allows Basic authentication, unencrypted traffic or an HTTP listener on all addresses',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale: 'WinRM is the management plane of a Hyper-V host. Basic sends reusable passwords, AllowUnencrypted lets them and the session go in clear, and an HTTP listener on every address offers that to every network, VM networks included. All three are off by default, so each is a deliberate weakening.',
  risk: 'Credentials of host administrators can be captured or replayed, handing over the partition that controls every VM.',
  remediation: {
    text: 'Turn off Basic and AllowUnencrypted (by policy, which wins over the service setting), and listen on HTTPS bound to the management address only.',
    powershell: "Set-Item WSMan:\\localhost\\Service\\Auth\\Basic $false; Set-Item WSMan:\\localhost\\Service\\AllowUnencrypted $false; Remove-Item -Path WSMan:\\localhost\\Listener\\<HTTP listener> -Recurse",
  },
  references: {
    stig: ['WN22-CC-000500', 'WN22-CC-000510', 'WN19-CC-000500', 'WN19-CC-000510'],
    urls: ['https://learn.microsoft.com/en-us/windows/win32/winrm/installation-and-configuration-for-windows-remote-management'],
  },
  params: noParams,
  evaluate(facts) {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', 'Hyper-V only');
    const winrm = facts.exposure.winrm;
    if (isUnknown(winrm)) return result.unknown('exposure.winrm', winrm);
    // Group policy wins over the service setting when it is set.
    const basic = winrm.policy?.allowBasic ?? winrm.auth.basic;
    const unencrypted = winrm.policy?.allowUnencrypted ?? winrm.allowUnencrypted;
    const basicPath = winrm.policy?.allowBasic !== undefined ? 'exposure.winrm.policy.allowBasic' : 'exposure.winrm.auth.basic';
    const unencPath =
      winrm.policy?.allowUnencrypted !== undefined ? 'exposure.winrm.policy.allowUnencrypted' : 'exposure.winrm.allowUnencrypted';
    const results: RuleResult[] = [
      isUnknown(basic)
        ? result.unknown(basicPath, basic, 'basic')
        : basic
        ? result.fail(basicPath, 'WinRM accepts Basic authentication.', true, false, 'basic')
        : result.pass(basicPath, 'WinRM Basic authentication is off.', false, false, 'basic'),
      isUnknown(unencrypted)
        ? result.unknown(unencPath, unencrypted, 'allowUnencrypted')
        : unencrypted
        ? result.fail(unencPath, 'WinRM accepts unencrypted traffic.', true, false, 'allowUnencrypted')
        : result.pass(unencPath, 'WinRM refuses unencrypted traffic.', false, false, 'allowUnencrypted'),
    ];
    const openHttp = winrm.listeners.filter((l) => l.enabled && /^http$/i.test(l.transport) && /^\*$|^IP:(0\.0\.0\.0|::)$/i.test(l.address));
    results.push(
      openHttp.length > 0
        ? {
            ...result.fail('exposure.winrm.listeners', `WinRM listens over HTTP on all addresses (port ${openHttp.map((l) => l.port).join(', ')}).`, openHttp.map((l) => `${l.transport} ${l.address}:${l.port}`), 'HTTPS bound to the management address', 'http-listener'),
            severity: unencrypted === true || basic === true ? 'high' : 'medium',
          }
        : result.pass('exposure.winrm.listeners', 'No HTTP listener on all addresses.', winrm.listeners.map((l) => `${l.transport} ${l.address}:${l.port}`), 'HTTPS bound to the management address', 'http-listener'),
    );
    return results;
  },
});
