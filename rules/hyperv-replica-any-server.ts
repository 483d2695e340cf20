import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-replica-any-server',
  title: 'Hyper-V Replica accepts replication from any authenticated server',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    'A replica server that accepts any primary lets any machine that can authenticate push VMs (and their disks) onto the host.',
  risk: 'An attacker-controlled primary plants VMs or fills storage on the replica host.',
  remediation: {
    text: 'Authorize specific primary servers with their own storage locations.',
    powershell:
      "Set-VMReplicationServer -AllowedAuthenticationType Certificate -ReplicationAllowedFromAnyServer $false; New-VMReplicationAuthorizationEntry -AllowedPrimaryServer '<fqdn>' -ReplicaStorageLocation '<path>' -TrustGroup '<group>'",
  },
  references: {
    bpa: [
      'Replica servers should be configured to identify specific primary servers authorized to send replication traffic',
    ],
    urls: ['https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/manage/set-up-hyper-v-replica'],
  },
  params: noParams,
  evaluate(facts) {
    const replica = facts.hyperv.replica;
    const path = 'hyperv.replica.allowedFromAnyServer';
    if (isUnknown(replica)) return result.unknown('hyperv.replica', replica);
    if (!replica.enabled) return result.notApplicable('hyperv.replica.enabled', 'The host is not a replica server.');
    if (isUnknown(replica.allowedFromAnyServer)) return result.unknown(path, replica.allowedFromAnyServer);
    return replica.allowedFromAnyServer
      ? result.fail(path, 'The replica server accepts replication from any authenticated server.', true, false)
      : result.pass(path, 'Only authorized primary servers may replicate to this host.', false, false);
  },
});
