import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-winrm-client-credssp',
  title: 'The Hyper-V host may delegate credentials onward as a WinRM CredSSP client',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    "With CredSSP enabled for the WinRM client (Enable-WSManCredSSP -Role Client, or the AllowCredSSP client policy), sessions started on the host can send the signed-in administrator's password to other computers.",
  risk: 'An attacker on the host, or on a server it delegates to, collects administrator passwords and moves to other hosts.',
  remediation: {
    text: 'Disable the CredSSP client role; use Kerberos constrained delegation for second-hop needs.',
    powershell: 'Disable-WSManCredSSP -Role Client',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/powershell/module/microsoft.wsman.management/disable-wsmancredssp',
      'https://learn.microsoft.com/en-us/powershell/scripting/security/remoting/ps-remoting-second-hop',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = 'exposure.winrm.clientAuth.credSSP';
    const winrm = facts.exposure.winrm;
    if (isUnknown(winrm)) return result.unknown(path, winrm);
    if (isUnknown(winrm.clientAuth)) return result.unknown(path, winrm.clientAuth);
    const credSSP = winrm.clientAuth.credSSP;
    if (isUnknown(credSSP)) return result.unknown(path, credSSP);
    return credSSP
      ? result.fail(path, 'The WinRM client on the host may use CredSSP and hand credentials onward.', true, false)
      : result.pass(path, 'The WinRM client on the host does not use CredSSP.', false, false);
  },
});
