import type { Severity } from '../core/model/index.js';
import type { ReportWriter } from './index.js';
import { hostSource, type HostSource } from './host-source.js';
import { ruleInReport, type ScanReport } from '../core/report/schema.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/**
 * SARIF 2.1.0 for code-scanning dashboards: one result per failed or unknown rule result; hosts are the "locations"
 * (logical locations, since hosts are not files). Suppressed results carry SARIF suppressions with their justification.
 * The driver lists every rule the scan ran (the report's catalogue); results are written a host at a time.
 */
export function* sarifChunks(report: ScanReport, hosts: HostSource = hostSource(report)): Generator<string> {
  const ids = Object.keys(report.rules).sort();
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hvscan',
            version: report.tool.version,
            rules: ids.map((id) => {
              const r = ruleInReport(report, id);
              return {
                id,
                name: id,
                shortDescription: { text: r.title },
                fullDescription: { text: r.rationale },
                help: { text: r.remediation.text },
                defaultConfiguration: { level: LEVEL[r.severity] },
                properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: ['security', r.category] },
              };
            }),
          },
        },
        invocations: [
          { executionSuccessful: report.complete, startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt },
        ],
        results: [RESULTS],
      },
    ],
  };
  const frame = `${JSON.stringify(sarif, null, 2)}\n`;
  const at = frame.indexOf(JSON.stringify(RESULTS));
  const pad = frame.slice(frame.lastIndexOf('\n', at) + 1, at);
  yield frame.slice(0, frame.lastIndexOf('\n', at));
  let count = 0;
  for (const host of hosts.entries()) {
    let text = '';
    for (const f of host.findings) {
      if (f.status !== 'fail' && f.status !== 'unknown') continue;
      const result = {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        kind: f.status === 'fail' ? 'fail' : 'review',
        level: f.status === 'fail' ? LEVEL[f.severity] : 'none',
        message: { text: `${host.name}: ${f.message}` },
        locations: [
          {
            logicalLocations: [
              {
                name: host.name,
                fullyQualifiedName: f.subject ? `${host.name}/${f.subject}` : host.name,
                kind: 'resource',
              },
            ],
          },
        ],
        partialFingerprints: { hvscanFindingId: f.id },
        properties: { host: host.name, platform: host.platform, evidence: f.evidence, severity: f.severity },
        ...(f.suppressed
          ? {
              suppressions: [{ kind: 'external', justification: f.suppressed.reason, properties: { ...f.suppressed } }],
            }
          : {}),
      };
      text += `${count++ > 0 ? ',' : ''}\n${pad}${JSON.stringify(result, null, 2).replace(/\n/g, `\n${pad}`)}`;
    }
    if (text) yield text;
  }
  yield frame.slice(at + JSON.stringify(RESULTS).length);
}

/** Stands in the frame where the results go; they are written between its halves. */
const RESULTS = '\u0000results';

export const renderSarif = (report: ScanReport): string => [...sarifChunks(report)].join('');

export const sarifWriter: ReportWriter = { format: 'sarif', chunks: sarifChunks };
