/**
 * Reports saved before the three footprint measures (docs/footprint.md) carry `footprint: { hypervisor,
 * withManagement }`. Read them with today's model: the old hypervisor measure (hvix64/hvax64 on disk, or the loaded
 * vmkernel modules in memory) is what hypervisorCode counts, with the definition it was taken with; the old
 * with-management measure had another definition and is dropped; the two new measures were not taken, so unknown.
 */
const NOT_TAKEN =
  'not measured: this report predates the trusted computing base and exposed surface measures (docs/footprint.md)';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function upgradeFootprint(footprint: Record<string, unknown>): Record<string, unknown> {
  if (!('hypervisor' in footprint) || 'hypervisorCode' in footprint) return footprint;
  return {
    hypervisorCode: footprint.hypervisor,
    trustedComputingBase: { unknown: true, reason: NOT_TAKEN },
    managementSurface: { unknown: true, reason: NOT_TAKEN },
  };
}

/** One raw host entry with an old-shape footprint upgraded; anything else is left for the schema to judge. */
export function upgradeSavedHostFootprint(host: unknown): unknown {
  if (!isRecord(host) || !isRecord(host.facts) || !isRecord(host.facts.footprint)) return host;
  return { ...host, facts: { ...host.facts, footprint: upgradeFootprint(host.facts.footprint) } };
}

/** The raw report with every host's old-shape footprint upgraded; anything else is left for the schema to judge. */
export function upgradeSavedFootprints(document: unknown): unknown {
  if (!isRecord(document) || !Array.isArray(document.hosts)) return document;
  return { ...document, hosts: document.hosts.map(upgradeSavedHostFootprint) };
}
