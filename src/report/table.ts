import { compareSeverity, SEVERITY_ORDER, type ResultStatus, type Severity } from '../core/model/index.js';
import { terminalText } from '../core/terminal.js';
import type { ReportHost } from '../core/report/schema.js';

/** One result as the terminal table shows it; small, so a streamed scan can keep every failed one. */
export interface TableRow {
  severity: Severity;
  status: ResultStatus;
  host: string;
  ruleId: string;
  message: string;
}

/** Which results the table shows: by default failed and unsuppressed ones on every host. */
export interface TableFilter {
  severities?: readonly Severity[];
  statuses?: readonly ResultStatus[];
  /** Host or target names. */
  hosts?: readonly string[];
  platforms?: readonly string[];
}

export interface TableOptions {
  color: boolean;
  /** Terminal width; the message column takes what the others leave. */
  columns: number;
  /** Most screen lines of rows; undefined shows every row (--all). */
  limit?: number;
  /** How to see the rows left out, e.g. "hvscan scan … --all". */
  moreHint?: string;
}

const STATUS_ORDER: readonly ResultStatus[] = ['fail', 'unknown', 'pass', 'not_applicable'];

/** Severity colours as trivy prints them: critical red, high bright red, medium yellow, low blue, info grey. */
const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[91m',
  medium: '\u001b[33m',
  low: '\u001b[34m',
  info: '\u001b[90m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

/** The rows of one judged host that pass the filter. */
export function tableRows(
  host: Pick<ReportHost, 'name' | 'target' | 'platform' | 'findings'>,
  filter: TableFilter = {},
): TableRow[] {
  const statuses = filter.statuses ?? ['fail'];
  if (filter.hosts && !filter.hosts.includes(host.name) && !filter.hosts.includes(host.target)) return [];
  if (filter.platforms && !filter.platforms.includes(host.platform)) return [];
  return host.findings
    .filter(
      (f) =>
        !f.suppressed && statuses.includes(f.status) && (!filter.severities || filter.severities.includes(f.severity)),
    )
    .map((f) => ({ severity: f.severity, status: f.status, host: host.name, ruleId: f.ruleId, message: f.message }));
}

/** Keeps the table rows of each host as it is judged (before a streamed scan parks the host's findings). */
export class TableRows {
  readonly rows: TableRow[] = [];
  constructor(private readonly filter: TableFilter = {}) {}
  readonly add = (host: Pick<ReportHost, 'name' | 'target' | 'platform' | 'findings'>): void => {
    this.rows.push(...tableRows(host, this.filter));
  };
}

/**
 * The `table` format: results grouped by severity (worst first), then host and rule, in aligned columns
 * SEVERITY, HOST, RULE, MESSAGE (STATUS too when the filter shows more than failed results). Rows past `limit` are
 * counted, not shown.
 */
export function renderTable(rows: readonly TableRow[], options: TableOptions): string {
  if (rows.length === 0) return 'No results match (failed, unsuppressed results are shown by default).\n';
  const sorted = [...rows].sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      a.host.localeCompare(b.host) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const withStatus = rows.some((r) => r.status !== 'fail');
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);

  const hostWidth = Math.min(28, Math.max(4, ...sorted.map((r) => terminalText(r.host).length)));
  const ruleWidth = Math.min(40, Math.max(4, ...sorted.map((r) => r.ruleId.length)));
  const fixed = [8, ...(withStatus ? [14] : []), hostWidth, ruleWidth];
  const besideWidth = options.columns - fixed.reduce((sum, w) => sum + w + 2, 0);
  // A narrow terminal puts the message on its own indented line instead of cutting it to a few characters.
  const below = besideWidth < 40;
  const messageWidth = below ? Math.max(20, options.columns - 10) : besideWidth;
  // The limit counts screen lines: a row with its message below takes two.
  const shown =
    options.limit === undefined ? sorted : sorted.slice(0, below ? Math.ceil(options.limit / 2) : options.limit);

  const cells = (severity: string, status: string, host: string, rule: string, message: string) =>
    [
      severity.padEnd(8),
      ...(withStatus ? [status.padEnd(14)] : []),
      host.padEnd(hostWidth),
      rule.padEnd(ruleWidth),
      message,
    ]
      .join('  ')
      .trimEnd();

  const hostCount = new Set(rows.map((r) => r.host)).size;
  const counts = SEVERITY_ORDER.map((s) => [s, rows.filter((r) => r.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const out = [
    `${paint(BOLD, `${rows.length} ${withStatus ? 'results' : 'failed results'} on ${hostCount} host${hostCount === 1 ? '' : 's'}`)}: ${counts
      .map(([s, n]) => paint(SEVERITY_COLOR[s], `${n} ${s}`))
      .join(', ')}`,
    '',
    paint(BOLD, cells('SEVERITY', 'STATUS', 'HOST', 'RULE', below ? '' : 'MESSAGE')),
  ];
  let previous: Severity | undefined;
  for (const row of shown) {
    const label = row.severity === previous ? '' : row.severity.toUpperCase();
    previous = row.severity;
    const message = fit(terminalText(row.message), messageWidth);
    const line = cells(
      label,
      row.status,
      fit(terminalText(row.host), hostWidth),
      fit(row.ruleId, ruleWidth),
      below ? '' : message,
    );
    out.push(label ? paint(SEVERITY_COLOR[row.severity], line.slice(0, 8)) + line.slice(8) : line);
    if (below) out.push(`${' '.repeat(10)}${message}`);
  }
  const hidden = sorted.length - shown.length;
  if (hidden > 0)
    out.push(`… ${hidden} more row${hidden === 1 ? '' : 's'}${options.moreHint ? ` (${options.moreHint})` : ''}`);
  return `${out.join('\n')}\n`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
