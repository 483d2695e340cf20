import { z } from 'zod';
import { defineRule, result } from '../src/rules/define.js';
import { withDeviceGuard } from '../src/rules/helpers.js';

export default defineRule({
  id: 'hyperv-credential-guard-not-running',
  title: 'Credential Guard is not running on the Hyper-V host',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale: 'Credential Guard keeps NTLM hashes and Kerberos tickets in the VBS-isolated LSA, out of reach of code that takes over the management OS. Microsoft advises it for hosts that are managed locally.',
  risk: 'Administrator credentials cached on the host can be dumped and replayed against other hosts.',
  remediation: { text: 'Enable Credential Guard (Group Policy "Turn On Virtualization Based Security" → Credential Guard Configuration) and reboot.' },
  references: { stig: ['WN22-MS-000140', 'WN19-MS-000140'], urls: ['https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server', 'https://learn.microsoft.com/en-us/windows/security/identity-protection/credential-guard/configure'] },
  params: z.object({ required: z.boolean().default(true).describe('Whether the profile requires this control; false makes the rule not_applicable.') }).strict(),
  profileDefaults: { lab: { required: false } },
  evaluate(facts, params) {
    if (facts.platform !== 'hyperv') return result.notApplicable('platform', 'Hyper-V only');
    const path = 'hyperv.deviceGuard.servicesRunning';
    if (!params.required) return result.notApplicable(path, 'The profile does not require Credential Guard.');
    return withDeviceGuard(facts, path, (dg) =>
      dg.servicesRunning.includes(1)
        ? result.pass(path, 'Credential Guard is running.', dg.servicesRunning, 'contains 1')
        : result.fail(path, 'Credential Guard is not running.', dg.servicesRunning, 'contains 1'),
    );
  },
});
