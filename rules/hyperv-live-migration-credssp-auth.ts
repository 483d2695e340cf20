import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-live-migration-credssp-auth',
  title: 'Live migration authenticates with CredSSP instead of Kerberos',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'identity-access',
  rationale:
    "CredSSP migration needs an interactive logon on the source host and delegates the administrator's credentials to it; Kerberos constrained delegation does not.",
  risk: 'Administrator credentials are exposed on every host that starts a migration.',
  remediation: {
    text: 'Configure constrained delegation in Active Directory and switch the authentication type to Kerberos.',
    powershell: 'Set-VMHost -VirtualMachineMigrationAuthenticationType Kerberos',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/deploy/set-up-hosts-for-live-migration-without-failover-clustering',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const migration = facts.hyperv.migration;
    const path = 'hyperv.migration.authenticationType';
    if (isUnknown(migration)) return result.unknown('hyperv.migration', migration);
    if (!migration.enabled) return result.notApplicable('hyperv.migration.enabled', 'Live migration is disabled.');
    const auth = migration.authenticationType;
    if (isUnknown(auth)) return result.unknown(path, auth);
    return /^kerberos$/i.test(auth)
      ? result.pass(path, 'Live migration uses Kerberos.', auth, 'Kerberos')
      : result.fail(path, `Live migration authenticates with ${auth}.`, auth, 'Kerberos');
  },
});
