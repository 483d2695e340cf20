import {
  compareSeverity,
  SEVERITY_ORDER,
  type Finding,
  type HostFacts,
  type RuleCatalogue,
  type Severity,
} from '../core/model/index.js';
import { DIFF_SCHEMA_VERSION, type FindingRef, type ReportDiff } from '../core/report/diff-schema.js';
import { ruleInReport } from '../core/report/schema.js';
import { hostDrift } from './drift.js';

type DiffableHost = { name: string; facts?: HostFacts | null; findings: Finding[] };

/**
 * The parts of a scan report a diff reads (a schemaVersion 1 report has them once read through readReport or
 * streamReport). Each report's hosts are read once, in order, so they may come one at a time from a file or a spool.
 */
export interface DiffableReport {
  startedAt: string;
  complete: boolean;
  rules: RuleCatalogue;
  hosts: Iterable<DiffableHost>;
}

/** The newer report can also give one host by name (read back from a spool), so neither report's hosts are held. */
export interface NewerReport extends DiffableReport {
  hostNamed?: (name: string) => DiffableHost | undefined;
}

const EXPIRED_RULE = 'hvscan-suppression-expired';

function addOpenFindings(
  out: Map<string, FindingRef>,
  report: Pick<DiffableReport, 'rules'>,
  host: DiffableHost,
): void {
  for (const f of host.findings) {
    if (f.status !== 'fail' || f.suppressed) continue;
    out.set(f.id, {
      id: f.id,
      host: host.name,
      ruleId: f.ruleId,
      title: ruleInReport(report, f.ruleId).title,
      severity: f.severity,
      subject: f.subject,
      message: f.message,
    });
  }
}

const bySeverity = (a: FindingRef, b: FindingRef) =>
  compareSeverity(a.severity, b.severity) || a.host.localeCompare(b.host) || a.id.localeCompare(b.id);

/**
 * Compares two runs: findings by their deterministic id (new, resolved, still open, severity changed, expired
 * suppressions) and facts per host (build, drivers, agents, services, exposure, settings), hosts appeared/disappeared.
 * A host that failed collection in either run contributes no fact drift: missing facts are not a change. The newer
 * run's hosts are read in one pass, then the older run's, each paired with the newer host of its name: only open
 * findings and names are kept (and the newer hosts themselves when the newer report cannot give one by name).
 */
export function diffReports(older: DiffableReport, newer: NewerReport): ReportDiff {
  const after = new Map<string, FindingRef>();
  const newNames = new Set<string>();
  const kept = newer.hostNamed ? undefined : new Map<string, DiffableHost>();
  for (const host of newer.hosts) {
    newNames.add(host.name);
    if (!kept?.has(host.name)) kept?.set(host.name, host);
    addOpenFindings(after, newer, host);
  }
  const hostNamed = newer.hostNamed ?? ((name: string) => kept!.get(name));
  const oldNames = new Set<string>();
  const before = new Map<string, FindingRef>();
  const drift: ReportDiff['hosts']['drift'] = [];
  for (const prev of older.hosts) {
    const first = !oldNames.has(prev.name);
    oldNames.add(prev.name);
    addOpenFindings(before, older, prev);
    if (!first || !prev.facts || !newNames.has(prev.name)) continue;
    const host = hostNamed(prev.name);
    if (!host?.facts || prev.facts.platform !== host.facts.platform) continue;
    const changes = hostDrift(prev.facts, host.facts);
    if (changes.length) drift.push({ host: host.name, changes });
  }
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
  // A finding of a host that vanished is not "resolved": the host is reported as disappeared instead.
  const resolved = [...before.values()].filter((f) => !after.has(f.id) && newNames.has(f.host));
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
      appeared: [...newNames].filter((n) => !oldNames.has(n)).sort(),
      disappeared: [...oldNames].filter((n) => !newNames.has(n)).sort(),
      drift: drift.sort((a, b) => a.host.localeCompare(b.host)),
    },
  };
}

/** New findings at or above a severity (for --fail-on-new). */
export function newAtOrAbove(diff: ReportDiff, threshold: Severity): FindingRef[] {
  const limit = SEVERITY_ORDER.indexOf(threshold);
  return diff.findings.new.filter((f) => SEVERITY_ORDER.indexOf(f.severity) <= limit);
}
