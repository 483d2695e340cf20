import { z } from 'zod';
import type { TriState } from '../src/core/model/fact.js';
import { stigSeverity } from '../src/rules/kit/baselines.js';
import { defineRule, isUnknown, result, type RuleResult } from '../src/rules/kit/define.js';

type Setting = z.infer<typeof TriState>;

interface Control {
  subject: 'basic' | 'allowUnencrypted';
  stigId: string;
  /** The policy value (HKLM\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service) and the service setting it overrides. */
  policy: { value: Setting | undefined; path: string; name: string };
  service: { value: Setting; path: string };
  allowed: string;
  refused: string;
}

function judge(control: Control, requirePolicy: boolean): RuleResult {
  const { policy, service, subject } = control;
  const severity = stigSeverity(control.stigId);
  // The STIG checks the policy value itself: absent is a finding even when the service setting is off.
  if (requirePolicy && policy.value === undefined) {
    return {
      ...result.fail(
        policy.path,
        `The policy value ${policy.name} is not set (${control.stigId} wants it set to 0).`,
        null,
        false,
        subject,
      ),
      severity,
    };
  }
  // Group policy wins over the service setting when it is set.
  const [value, path] = policy.value !== undefined ? [policy.value, policy.path] : [service.value, service.path];
  if (isUnknown(value)) return result.unknown(path, value, subject);
  return value
    ? { ...result.fail(path, control.allowed, true, false, subject), severity }
    : result.pass(path, control.refused, false, false, subject);
}

export default defineRule({
  id: 'hyperv-winrm-insecure',
  title: 'WinRM on the Hyper-V host allows Basic authentication or unencrypted traffic',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    "WinRM is the management plane of a Hyper-V host. Basic sends reusable passwords and AllowUnencrypted lets them and the session go in clear; both are off by default. The HTTP listener on every address is Windows Server's default since 2012 and is not a finding: Kerberos and Negotiate encrypt the messages. The STIG requires the policy values themselves (WN22-CC-000500 AllowBasic = 0, CAT I; WN22-CC-000510 AllowUnencryptedTraffic = 0, CAT II); other profiles judge the effective setting.",
  risk: 'Credentials of host administrators can be captured or replayed, handing over the partition that controls every VM.',
  remediation: {
    text: 'Set the Group Policy "Windows Remote Management (WinRM) > WinRM Service": "Allow Basic authentication" and "Allow unencrypted traffic" to Disabled (registry values AllowBasic and AllowUnencryptedTraffic = 0).',
    powershell:
      "New-Item -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Force | Out-Null; Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Name AllowBasic -Value 0 -Type DWord; Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Name AllowUnencryptedTraffic -Value 0 -Type DWord",
  },
  references: {
    stig: ['WN22-CC-000500', 'WN22-CC-000510', 'WN19-CC-000500', 'WN19-CC-000510'],
    urls: [
      'https://learn.microsoft.com/en-us/windows/win32/winrm/installation-and-configuration-for-windows-remote-management',
    ],
  },
  params: z
    .object({
      requirePolicy: z
        .boolean()
        .default(false)
        .describe('Require the Group Policy values to be set (STIG), not only the effective setting to be off.'),
    })
    .strict(),
  evaluate(facts, params) {
    const winrm = facts.exposure.winrm;
    if (isUnknown(winrm)) return result.unknown('exposure.winrm', winrm);
    // Policy values that could not be read are unknown, never "not set".
    const policy = (name: 'allowBasic' | 'allowUnencrypted') =>
      isUnknown(winrm.policy) ? winrm.policy : winrm.policy[name];
    return [
      judge(
        {
          subject: 'basic',
          stigId: 'WN22-CC-000500',
          policy: { value: policy('allowBasic'), path: 'exposure.winrm.policy.allowBasic', name: 'AllowBasic' },
          service: { value: winrm.auth.basic, path: 'exposure.winrm.auth.basic' },
          allowed: 'WinRM accepts Basic authentication.',
          refused: 'WinRM Basic authentication is off.',
        },
        params.requirePolicy,
      ),
      judge(
        {
          subject: 'allowUnencrypted',
          stigId: 'WN22-CC-000510',
          policy: {
            value: policy('allowUnencrypted'),
            path: 'exposure.winrm.policy.allowUnencrypted',
            name: 'AllowUnencryptedTraffic',
          },
          service: { value: winrm.allowUnencrypted, path: 'exposure.winrm.allowUnencrypted' },
          allowed: 'WinRM accepts unencrypted traffic.',
          refused: 'WinRM refuses unencrypted traffic.',
        },
        params.requirePolicy,
      ),
    ];
  },
});
