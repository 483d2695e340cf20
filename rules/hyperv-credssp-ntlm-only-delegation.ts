import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

const KEY = 'CredSSP.AllowFreshCredentialsWhenNTLMOnly';

export default defineRule({
  id: 'hyperv-credssp-ntlm-only-delegation',
  title: 'The host delegates fresh credentials to servers authenticated only with NTLM',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'The policy "Allow delegating fresh credentials with NTLM-only server authentication" (AllowFreshCredentialsWhenNTLMOnly) lets CredSSP hand the user\'s password to servers whose identity NTLM never proved; scripts set it with "wsman/*" to make CredSSP remoting work without Kerberos.',
  risk: "Anyone who can answer as one of the listed servers (name spoofing, relay) receives the administrator's reusable password from the Hyper-V host.",
  remediation: {
    text: 'Disable the policy, use Kerberos (constrained delegation) instead of CredSSP, or at least list exact server names instead of wildcards.',
    powershell:
      "Remove-ItemProperty 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation' -Name AllowFreshCredentialsWhenNTLMOnly",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows/win32/secauthn/credential-security-support-provider',
      'https://learn.microsoft.com/en-us/powershell/module/microsoft.wsman.management/enable-wsmancredssp',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = `hyperv.settings[${KEY}]`;
    const settings = facts.hyperv.settings;
    if (isUnknown(settings)) return result.unknown(path, settings);
    const value = settings[KEY];
    // The collector reports every setting it reads (null when the policy value is absent): a missing key was not read.
    if (value === undefined) return result.unknown(path, `${KEY} was not reported by the collector`);
    if (isUnknown(value)) return result.unknown(path, value);
    const on = value === 1 || value === true || value === '1';
    const servers = settings[`${KEY}.Servers`];
    const list = typeof servers === 'string' && servers ? servers : undefined;
    return on
      ? result.fail(
          path,
          `Fresh credentials may be delegated to NTLM-only servers${list ? `: ${list}` : ''}.`,
          { value, servers: list ?? null },
          false,
        )
      : result.pass(path, 'Fresh credentials are not delegated to NTLM-only servers.', { value: value ?? null }, false);
  },
});
