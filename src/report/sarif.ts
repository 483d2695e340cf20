import type { Severity } from '../model/index.js';
import type { ReportWriter } from './index.js';
import { ruleInReport, type ScanReport } from './schema.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/**
 * SARIF 2.1.0 for code-scanning dashboards: one result per failed or unknown rule result; hosts are the "locations"
 * (logical locations, since hosts are not files). Suppressed results carry SARIF suppressions with their justification.
 */
export function renderSarif(report: ScanReport): string {
  const used = [...new Set(report.hosts.flatMap((h) => h.findings.map((f) => f.ruleId)))].sort();
  const rules = used.map((id) => ({ id, ...ruleInReport(report, id) }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.hosts.flatMap((host) =>
    host.findings
      .filter((f) => f.status === 'fail' || f.status === 'unknown')
      .map((f) => ({
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        kind: f.status === 'fail' ? 'fail' : 'review',
        level: f.status === 'fail' ? LEVEL[f.severity] : 'none',
        message: { text: `${host.name}: ${f.message}` },
        locations: [{ logicalLocations: [{ name: host.name, fullyQualifiedName: f.subject ? `${host.name}/${f.subject}` : host.name, kind: 'resource' }] }],
        partialFingerprints: { hvscanFindingId: f.id },
        properties: { host: host.name, platform: host.platform, evidence: f.evidence, severity: f.severity },
        ...(f.suppressed ? { suppressions: [{ kind: 'external', justification: f.suppressed.reason, properties: { ...f.suppressed } }] } : {}),
      })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hvscan',
            version: report.tool.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.rationale },
              help: { text: r.remediation.text },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: ['security', r.category] },
            })),
          },
        },
        invocations: [{ executionSuccessful: report.complete, startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

export const sarifWriter: ReportWriter = { format: 'sarif', render: renderSarif };
