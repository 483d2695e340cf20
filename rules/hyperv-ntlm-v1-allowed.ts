import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-ntlm-v1-allowed',
  title: 'The Hyper-V host does not enforce NTLMv2 only (LmCompatibilityLevel below 5)',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'LAN Manager and NTLMv1 responses can be cracked or relayed easily; level 5 sends NTLMv2 only and refuses LM and NTLM.',
  risk: 'Captured authentication to the host yields administrator hashes or passwords.',
  remediation: {
    text: 'Set "Network security: LAN Manager authentication level" to "Send NTLMv2 response only. Refuse LM & NTLM".',
    powershell: "Set-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa' -Name LmCompatibilityLevel -Value 5",
  },
  references: {
    stig: ['WN22-SO-000310', 'WN19-SO-000310'],
    urls: [
      'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/network-security-lan-manager-authentication-level',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const settings = facts.hyperv.settings;
    const path = 'hyperv.settings[LmCompatibilityLevel]';
    if (isUnknown(settings)) return result.unknown(path, settings);
    const raw = settings['LmCompatibilityLevel'];
    // The collector reports every setting it reads, null when the registry value is absent: a missing key was not read.
    if (raw === undefined) return result.unknown(path, 'LmCompatibilityLevel was not reported by the collector');
    if (isUnknown(raw)) return result.unknown(path, raw);
    if (raw === null)
      return result.fail(
        path,
        'LmCompatibilityLevel is not set (the OS default accepts LM and NTLM from clients).',
        null,
        5,
      );
    const level = Number(raw);
    if (!Number.isInteger(level)) return result.unknown(path, `unreadable value "${String(raw)}"`);
    return level >= 5
      ? result.pass(path, 'Only NTLMv2 is accepted (level 5).', level, 5)
      : result.fail(path, `LmCompatibilityLevel is ${level}; LM/NTLMv1 are still accepted.`, level, 5);
  },
});
