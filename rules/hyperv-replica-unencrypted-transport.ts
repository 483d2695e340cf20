import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-replica-unencrypted-transport',
  title: 'Hyper-V Replica accepts Kerberos over HTTP (unencrypted replication traffic)',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'encryption',
  rationale:
    'Kerberos authentication for Replica uses HTTP and sends VM disk changes unencrypted; certificate authentication uses HTTPS.',
  risk: 'Replicated VM data can be read on the network between sites.',
  remediation: {
    text: 'Use certificate-based authentication (HTTPS) for replication, or a site-to-site tunnel.',
    powershell:
      "Set-VMReplicationServer -AllowedAuthenticationType Certificate -CertificateAuthenticationPort 443 -CertificateThumbprint '<thumbprint>'",
  },
  references: {
    bpa: ['Certificate-based authentication is recommended for replication'],
    urls: ['https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/set-up-hyper-v-replica'],
  },
  params: noParams,
  evaluate(facts) {
    const replica = facts.hyperv.replica;
    const path = 'hyperv.replica.authenticationType';
    if (isUnknown(replica)) return result.unknown('hyperv.replica', replica);
    if (!replica.enabled) return result.notApplicable('hyperv.replica.enabled', 'The host is not a replica server.');
    const auth = replica.authenticationType;
    if (isUnknown(auth)) return result.unknown(path, auth);
    return /kerberos/i.test(auth)
      ? result.fail(path, `Replica accepts ${auth} authentication, which replicates over HTTP.`, auth, 'Certificate')
      : result.pass(path, `Replica accepts ${auth} authentication only.`, auth, 'Certificate');
  },
});
