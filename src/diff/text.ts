import type { FindingRef, ReportDiff } from '../core/report/diff-schema.js';

/** Terminal/mail text: one line per change, control characters from hosts neutralised. */
export function renderDiffText(diff: ReportDiff): string {
  const lines: string[] = [`hvscan diff: ${diff.old.startedAt} → ${diff.new.startedAt}`];
  const section = (title: string, items: string[]) => {
    lines.push('', `${title} (${items.length})`);
    for (const item of items) lines.push(`  ${item}`);
  };
  const finding = (f: FindingRef) => `[${f.severity}] ${f.host}: ${f.title}${f.subject ? ` (${f.subject})` : ''}`;
  section('New findings', diff.findings.new.map(finding));
  section('Resolved findings', diff.findings.resolved.map(finding));
  section(
    'Severity changed',
    diff.findings.severityChanged.map((f) => `${finding(f)} was ${f.previousSeverity}`),
  );
  section('Suppressions expired', diff.findings.suppressionsExpired.map(finding));
  lines.push('', `Still open: ${diff.findings.stillOpen.length}`);
  section('Hosts appeared', diff.hosts.appeared);
  section('Hosts disappeared', diff.hosts.disappeared);
  section(
    'Fact drift',
    diff.hosts.drift.flatMap((d) => d.changes.map((c) => `${d.host}: ${c.summary}`)),
  );
  return lines.map(safeLine).join('\n') + '\n';
}

/** Strings from hosts may carry terminal escapes; print them visibly instead of executing them. */
function safeLine(line: string): string {
  return line.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
