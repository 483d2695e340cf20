import type { ReportWriter } from './index.js';
import { ruleInReport, type ScanReport } from './schema.js';

const COLUMNS = ['host', 'platform', 'finding_id', 'rule_id', 'severity', 'status', 'title', 'subject', 'message', 'path', 'observed', 'expected', 'reason', 'suppressed_reason', 'suppressed_expires'] as const;

/** RFC 4180: quote every field that holds a comma, quote or line break; double embedded quotes; CRLF line ends. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading =, +, - or @ would make spreadsheets evaluate host-supplied text as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per rule result, every status, suppressed ones marked. */
export function renderCsv(report: ScanReport): string {
  const lines = [COLUMNS.join(',')];
  for (const host of report.hosts) {
    for (const f of host.findings) {
      const row = [host.name, host.platform, f.id, f.ruleId, f.severity, f.status, ruleInReport(report, f.ruleId).title, f.subject, f.message, f.evidence.path, f.evidence.observed, f.evidence.expected, f.evidence.reason, f.suppressed?.reason, f.suppressed?.expires];
      lines.push(row.map(csvField).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

export const csvWriter: ReportWriter = { format: 'csv', render: renderCsv };
