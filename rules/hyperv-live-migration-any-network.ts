import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-live-migration-any-network',
  title: 'Live migration may use any network instead of a dedicated one',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'encryption',
  rationale:
    "Live migration copies a VM's memory in clear unless it runs over SMB with encryption or IPsec; Microsoft advises a private, dedicated migration network.",
  risk: 'VM memory (keys, passwords, data) crosses production or VM networks where others can capture it.',
  remediation: {
    text: 'Restrict live migration to a dedicated subnet.',
    powershell: "Set-VMHost -UseAnyNetworkForMigration $false; Add-VMMigrationNetwork '<subnet/prefix>'",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/deploy/set-up-hosts-for-live-migration-without-failover-clustering',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const migration = facts.hyperv.migration;
    const path = 'hyperv.migration.useAnyNetwork';
    if (isUnknown(migration)) return result.unknown('hyperv.migration', migration);
    if (!migration.enabled) return result.notApplicable('hyperv.migration.enabled', 'Live migration is disabled.');
    if (migration.useAnyNetwork) return result.fail(path, 'Live migration may use any available network.', true, false);
    // A network whose subnet was not reported still restricts migration: it is named by why it is unknown.
    const named = migration.networks.map((n) => (isUnknown(n) ? `a network whose subnet is unknown (${n.reason})` : n));
    return migration.networks.length > 0
      ? result.pass(path, `Live migration is limited to ${named.join(', ')}.`, migration.networks, 'dedicated networks')
      : result.fail(
          'hyperv.migration.networks',
          'Live migration is limited to networks, but none is configured.',
          [],
          'dedicated networks',
        );
  },
});
