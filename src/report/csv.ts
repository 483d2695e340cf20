import type { ReportWriter } from './index.js';
import { unknownReason } from '../core/model/index.js';
import { hostSource, type HostSource } from './host-source.js';
import { ruleInReport, type ScanReport } from '../core/report/schema.js';

const COLUMNS = [
  'host',
  'platform',
  'finding_id',
  'rule_id',
  'severity',
  'status',
  'title',
  'subject',
  'message',
  'path',
  'observed',
  'expected',
  'reason',
  'suppressed_reason',
  'suppressed_expires',
] as const;

/** RFC 4180: quote every field that holds a comma, quote or line break; double embedded quotes; CRLF line ends. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading =, +, - or @ would make spreadsheets evaluate host-supplied text as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per rule result, every status, suppressed ones marked; a host's rows at a time. */
export function* csvChunks(report: ScanReport, hosts: HostSource = hostSource(report)): Generator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  for (const host of hosts.entries()) {
    const lines: string[] = [];
    for (const f of host.findings) {
      const row = [
        host.name,
        host.platform,
        f.id,
        f.ruleId,
        f.severity,
        f.status,
        ruleInReport(report, f.ruleId).title,
        f.subject,
        f.message,
        f.evidence.path,
        f.evidence.observed,
        f.evidence.expected,
        unknownReason(f),
        f.suppressed?.reason,
        f.suppressed?.expires,
      ];
      lines.push(`${row.map(csvField).join(',')}\r\n`);
    }
    if (lines.length > 0) yield lines.join('');
  }
}

export const renderCsv = (report: ScanReport): string => [...csvChunks(report)].join('');

export const csvWriter: ReportWriter = { format: 'csv', chunks: csvChunks };
