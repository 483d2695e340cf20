import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-host-not-domain-joined',
  title: 'The Hyper-V host is not a domain member',
  severity: 'info',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    'Domain membership brings Kerberos for live migration and remote management and central policy; a workgroup host falls back to local accounts and NTLM. A separate management forest is a valid exception.',
  risk: 'Local administrator passwords tend to be shared across hosts and authentication falls back to NTLM or CredSSP.',
  remediation: {
    text: 'Join the host to a (preferably dedicated management) domain, or document the workgroup exception with a suppression.',
    powershell: "Add-Computer -DomainName '<domain>' -Restart",
  },
  references: {
    bpa: ['Domain membership is recommended for servers running Hyper-V'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const domain = facts.exposure.domain;
    if (isUnknown(domain)) return result.unknown('exposure.domain', domain);
    return domain.partOfDomain
      ? result.pass(
          'exposure.domain.partOfDomain',
          `The host is a member of ${domain.domain ?? 'a domain'}.`,
          true,
          true,
        )
      : result.fail('exposure.domain.partOfDomain', 'The host is in a workgroup.', false, true);
  },
});
