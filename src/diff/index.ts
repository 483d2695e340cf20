import type { Finding, HostFacts, Severity } from '../model/index.js';
import { ruleInReport, type RuleCatalogue } from '../report/schema.js';
import { hostDrift } from './drift.js';
import { DIFF_SCHEMA_VERSION, type FindingRef, type ReportDiff } from './schema.js';

/** The parts of a scan report a diff reads (a schemaVersion 1 report has them once read through readReport). */
export interface DiffableReport {
  startedAt: string;
  complete: boolean;
  rules: RuleCatalogue;
  hosts: Array<{ name: string; facts?: HostFacts | null; findings: Finding[] }>;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const EXPIRED_RULE = 'hvscan-suppression-expired';

function openFindings(report: DiffableReport): Map<string, FindingRef> {
  const out = new Map<string, FindingRef>();
  for (const host of report.hosts) {
    for (const f of host.findings) {
      if (f.status !== 'fail' || f.suppressed) continue;
      out.set(f.id, { id: f.id, host: host.name, ruleId: f.ruleId, title: ruleInReport(report, f.ruleId).title, severity: f.severity, subject: f.subject, message: f.message });
    }
  }
  return out;
}

const bySeverity = (a: FindingRef, b: FindingRef) =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id);

/**
 * Compares two runs: findings by their deterministic id (new, resolved, still open, severity changed, expired
 * suppressions) and facts per host (build, drivers, agents, services, exposure, settings), hosts appeared/disappeared.
 * A host that failed collection in either run contributes no fact drift: missing facts are not a change.
 */
export function diffReports(older: DiffableReport, newer: DiffableReport): ReportDiff {
  const before = openFindings(older);
  const after = openFindings(newer);
  const fresh: FindingRef[] = [];
  const stillOpen: FindingRef[] = [];
  const severityChanged: ReportDiff['findings']['severityChanged'] = [];
  for (const [id, f] of after) {
    const prev = before.get(id);
    if (!prev) fresh.push(f);
    else {
      stillOpen.push(f);
      if (prev.severity !== f.severity) severityChanged.push({ ...f, previousSeverity: prev.severity });
    }
  }
  const oldHosts = new Map(older.hosts.map((h) => [h.name, h]));
  const newHosts = new Map(newer.hosts.map((h) => [h.name, h]));
  // A finding of a host that vanished is not "resolved": the host is reported as disappeared instead.
  const resolved = [...before.values()].filter((f) => !after.has(f.id) && newHosts.has(f.host));

  const drift: ReportDiff['hosts']['drift'] = [];
  for (const [name, h] of newHosts) {
    const prev = oldHosts.get(name);
    if (!prev?.facts || !h.facts || prev.facts.platform !== h.facts.platform) continue;
    const changes = hostDrift(prev.facts, h.facts);
    if (changes.length) drift.push({ host: name, changes });
  }
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    old: { startedAt: older.startedAt, complete: older.complete },
    new: { startedAt: newer.startedAt, complete: newer.complete },
    findings: {
      new: fresh.filter((f) => f.ruleId !== EXPIRED_RULE).sort(bySeverity),
      resolved: resolved.sort(bySeverity),
      stillOpen: stillOpen.sort(bySeverity),
      severityChanged: severityChanged.sort(bySeverity),
      suppressionsExpired: fresh.filter((f) => f.ruleId === EXPIRED_RULE).sort(bySeverity),
    },
    hosts: {
      appeared: [...newHosts.keys()].filter((n) => !oldHosts.has(n)).sort(),
      disappeared: [...oldHosts.keys()].filter((n) => !newHosts.has(n)).sort(),
      drift: drift.sort((a, b) => a.host.localeCompare(b.host)),
    },
  };
}

/** New findings at or above a severity (for --fail-on-new). */
export function newAtOrAbove(diff: ReportDiff, threshold: Severity): FindingRef[] {
  const limit = SEVERITY_ORDER.indexOf(threshold);
  return diff.findings.new.filter((f) => SEVERITY_ORDER.indexOf(f.severity) <= limit);
}

export { SEVERITY_ORDER };
