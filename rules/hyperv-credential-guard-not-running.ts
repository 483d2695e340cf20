import { defineRule, isUnknown, result, type RuleResult, requiredControlParams } from '../src/rules/kit/define.js';
import { withDeviceGuard } from '../src/rules/kit/helpers.js';

/** Win32_ComputerSystem.DomainRole (Microsoft Learn, Win32_ComputerSystem; DSROLE_MACHINE_ROLE), by value. */
const DOMAIN_ROLES = [
  'a standalone workstation',
  'a member workstation',
  'a standalone server',
  'a member server',
  'a backup domain controller',
  'a primary domain controller',
];
const MEMBER_SERVER = 3;
const OUT_OF_SCOPE = 'the control covers domain-member servers only.';

export default defineRule({
  id: 'hyperv-credential-guard-not-running',
  title: 'Credential Guard is not running on the domain-member Hyper-V host',
  severity: 'high',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'Credential Guard keeps NTLM hashes and Kerberos tickets in the VBS-isolated LSA, out of reach of code that takes over the management OS. The STIG (WN22-MS-000140, CAT I) requires it on domain-joined member servers and is not applicable to domain controllers or hosts outside a domain.',
  risk: 'Domain administrator credentials cached on the host can be dumped and replayed against other hosts.',
  remediation: {
    text: 'Enable Credential Guard (Group Policy "Turn On Virtualization Based Security" → Credential Guard Configuration) and reboot.',
  },
  references: {
    stig: ['WN22-MS-000140', 'WN19-MS-000140'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows/security/identity-protection/credential-guard/configure',
    ],
  },
  params: requiredControlParams,
  evaluate(facts, params) {
    const path = 'hyperv.deviceGuard.servicesRunning';
    if (!params.required) return result.notApplicable(path, 'The profile does not require Credential Guard.');
    const domain = facts.exposure.domain;
    if (!isUnknown(domain) && !domain.partOfDomain)
      return result.notApplicable('exposure.domain', `The host is not in a domain: ${OUT_OF_SCOPE}`);
    if (!isUnknown(domain) && !isUnknown(domain.role) && domain.role !== MEMBER_SERVER)
      return result.notApplicable(
        'exposure.domain',
        `The host is ${DOMAIN_ROLES[domain.role]} (DomainRole ${domain.role}): ${OUT_OF_SCOPE}`,
      );
    return withDeviceGuard(facts, path, (dg): RuleResult => {
      if (dg.servicesRunning.includes(1))
        return result.pass(path, 'Credential Guard is running.', dg.servicesRunning, 'contains 1');
      // Not running matters only on a member server; a host whose role is unknown may be out of scope.
      if (isUnknown(domain))
        return result.unknown(
          'exposure.domain',
          `${domain.reason}; Credential Guard is not running (a finding on a domain-member server)`,
        );
      if (isUnknown(domain.role))
        return result.unknown(
          'exposure.domain.role',
          `${domain.role.reason}: the host may be a domain controller; Credential Guard is not running`,
        );
      return result.fail(path, 'Credential Guard is not running.', dg.servicesRunning, 'contains 1');
    });
  },
});
