import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { redactor as defaultRedactor, type Redactor } from '../core/log/redact.js';
import { Severity, type Finding } from '../core/model/index.js';
import { projectFile } from '../core/paths.js';
import type { CollectedHost, ScanResult } from '../core/report/collected.js';
import { REPORT_SCHEMA_REF, REPORT_SCHEMA_VERSION, type ReportHost, type ScanReport } from '../core/report/schema.js';

/** What a report says besides its hosts: when and whether the scan ran whole, and the config's digest and profile. */
export interface ReportFrame {
  scan: Pick<ScanResult, 'complete' | 'startedAt' | 'finishedAt'>;
  config: ScanReport['config'];
  /** The catalogue of the rules that judged the hosts. */
  rules: ScanReport['rules'];
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
}

/** JSON with object keys sorted at every level: equal configs give equal digests whatever the key order on disk. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The config holds secret sources (env names, paths), never secrets, so its digest is safe to publish. */
export function configDigest(config: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;
}

/** One host's report entry: facts and findings with any secret the engine resolved redacted, the rule step's error. */
export function reportHost(
  host: CollectedHost,
  findings: Finding[] | undefined,
  ruleError: string | undefined,
  redactor: Redactor = defaultRedactor,
): ReportHost {
  // A host may echo a secret the engine resolved back as data (an error text, a banner).
  const facts = redactor.knownDeep(host.facts);
  const hostFindings = findings ?? [];
  return {
    name: host.name,
    target: host.target,
    platform: host.platform,
    status: host.status,
    insecure: host.insecure,
    serverTrust: host.facts?.collection.serverTrust ?? null,
    durationMs: host.durationMs,
    attempts: host.attempts,
    facts: facts ?? null,
    // Findings derive from the facts and rule metadata only, so they can hold a secret only if the facts do.
    findings: facts === host.facts ? hostFindings : redactor.knownDeep(hostFindings),
    errors: [...host.errors, ...(ruleError ? [{ step: 'rules', message: ruleError }] : [])].map((e) => ({
      step: e.step,
      message: redactor.text(e.message),
    })),
  };
}

/** Running totals for the report summary, fed one host at a time (a streamed scan drops each host's findings). */
export class SummaryTally {
  private readonly summary: ScanReport['summary'] = {
    hosts: 0,
    failedHosts: 0,
    partialHosts: 0,
    findingsBySeverity: Object.fromEntries(Severity.options.map((s) => [s, 0])) as Record<Severity, number>,
    suppressedFindings: 0,
  };

  add(host: Pick<ReportHost, 'status' | 'findings'>): void {
    const s = this.summary;
    s.hosts++;
    if (host.status === 'failed') s.failedHosts++;
    if (host.status === 'partial') s.partialHosts++;
    for (const finding of host.findings) {
      if (finding.status !== 'fail') continue;
      if (finding.suppressed) s.suppressedFindings++;
      else s.findingsBySeverity[finding.severity]++;
    }
  }

  result(): ScanReport['summary'] {
    return { ...this.summary, findingsBySeverity: { ...this.summary.findingsBySeverity } };
  }
}

/** The report around host entries already built (in target order) and their summary. */
export function assembleReport(input: ReportFrame, hosts: ReportHost[], summary: ScanReport['summary']): ScanReport {
  return {
    $schema: REPORT_SCHEMA_REF,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'hvscan', version: toolVersion() },
    startedAt: input.scan.startedAt.toISOString(),
    finishedAt: input.scan.finishedAt.toISOString(),
    complete: input.scan.complete,
    config: input.config,
    summary,
    rules: input.rules,
    hosts,
  };
}
