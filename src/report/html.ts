import type { ReportDiff } from '../core/report/diff-schema.js';
import type { Finding, RuleCatalogueEntry, Severity } from '../core/model/index.js';
import { compareSeverity, FOOTPRINT_DEFINITIONS, FOOTPRINT_MEASURES, imageCount, SEVERITY_ORDER as SEVERITIES, type FootprintKey } from '../core/model/index.js';
import { escapeHtml as e } from '../core/text/escape.js';
import { footprintApproximations, footprintByPlatform, footprintRows, formatBytes, type FootprintCell, type FootprintRow } from './footprint.js';
import { hostSource, type HostSource } from './host-source.js';
import type { ReportWriter } from './index.js';
import { ruleInReport, type ReportHost, type ScanReport } from '../core/report/schema.js';
import { barChart } from './svg.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header,main{max-width:1100px;margin:0 auto;padding:16px 24px}
header{background:#1d2330;color:#fff;max-width:none}
h1{margin:0;font-size:22px} h2{margin-top:32px;border-bottom:1px solid #d0d5dd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #e1e4ea;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4}
.sev{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-weight:600;font-size:12px}
.sev-critical{background:#7a1020}.sev-high{background:#c0392b}.sev-medium{background:#d68910}.sev-low{background:#2874a6}.sev-info{background:#717d7e}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:26px}
.warn{background:#fff3cd;border:1px solid #e0c068;padding:8px 12px;border-radius:4px}
details{background:#fff;border:1px solid #e1e4ea;border-radius:6px;margin:8px 0;padding:6px 12px}
summary{cursor:pointer;font-weight:600}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap;word-break:break-all}
.chart-title{font-weight:600;font-size:13px}.chart-label,.chart-value{font-size:12px}
.bar-ring{fill:#7a1020}.bar-mgmt{fill:#5d6d7e}.bar-surface{fill:#d68910}
.status-failed{color:#c0392b;font-weight:600}.status-partial{color:#d68910;font-weight:600}
`;

function sev(s: Severity): string {
  return `<span class="sev sev-${s}">${s}</span>`;
}

function evidenceCell(f: Finding): string {
  const ev = f.evidence;
  const rows = [`<div><code>${e(ev.path)}</code></div>`];
  if (ev.observed !== undefined) rows.push(`<div>observed: <code>${e(JSON.stringify(ev.observed))}</code></div>`);
  if (ev.expected !== undefined) rows.push(`<div>expected: <code>${e(JSON.stringify(ev.expected))}</code></div>`);
  if (ev.reason) rows.push(`<div>reason: ${e(ev.reason)}</div>`);
  if (ev.unverified) rows.push(`<div><em>based on an unverified reference entry${ev.provenance ? `: ${e(ev.provenance)}` : ''}</em></div>`);
  return rows.join('');
}

function remediationCell(rule: RuleCatalogueEntry): string {
  const r = rule.remediation;
  const cmds = [r.esxcli && `esxcli: ${r.esxcli}`, r.powercli && `PowerCLI: ${r.powercli}`, r.powershell && `PowerShell: ${r.powershell}`].filter(Boolean);
  return `${e(r.text)}${cmds.length ? `<pre>${e(cmds.join('\n'))}</pre>` : ''}`;
}

function findingsTable(findings: Finding[], caption: string, report: Pick<ScanReport, 'rules'>): string {
  if (findings.length === 0) return `<p>No ${e(caption)}.</p>`;
  const rows = findings.map(
    (f) =>
      `<tr data-finding="${e(f.id)}"><td>${sev(f.severity)}</td><td>${e(f.status)}</td><td><b>${e(ruleInReport(report, f.ruleId).title)}</b><div>${e(f.message)}</div><div><small>${e(f.ruleId)}${f.subject ? ` · ${e(f.subject)}` : ''}</small></div></td><td>${evidenceCell(f)}</td><td>${remediationCell(ruleInReport(report, f.ruleId))}</td></tr>`,
  );
  return `<table><thead><tr><th>Severity</th><th>Status</th><th>Finding</th><th>Evidence</th><th>Remediation</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const order = (a: Finding, b: Finding) => compareSeverity(a.severity, b.severity);

function hostSection(host: ReportHost, report: Pick<ScanReport, 'rules'>): string {
  const open = host.findings.filter((f) => f.status === 'fail' && !f.suppressed).sort(order);
  const unknown = host.findings.filter((f) => f.status === 'unknown' && !f.suppressed);
  const facts = host.facts;
  const product = facts ? [facts.product.name, facts.product.version, facts.product.build].map((v) => (typeof v === 'string' ? v : 'unknown')).join(' · ') : 'no facts collected';
  const errors = host.errors.length
    ? `<ul>${host.errors.map((x) => `<li><b>${e(x.step)}</b>: ${e(x.message)}</li>`).join('')}</ul>`
    : '';
  return `<details data-host="${e(host.name)}"><summary>${e(host.name)} — <span class="status-${e(host.status)}">${e(host.status)}</span> · ${e(host.platform)} · ${e(product)} · <span data-host-open="${open.length}">${open.length} open findings</span>${host.insecure ? ' · <b>TLS verification off</b>' : ''}</summary>
${errors}
<h4>Open findings</h4>${findingsTable(open, 'open findings', report)}
<h4>Unknown (facts not readable)</h4>${findingsTable(unknown, 'unknown results', report)}
</details>`;
}

function changesSection(diff: ReportDiff | undefined): string {
  if (!diff) return '<p>No previous run to compare with.</p>';
  const item = (f: { host: string; title: string; severity: Severity; subject?: string }) =>
    `<li>${sev(f.severity)} ${e(f.host)}: ${e(f.title)}${f.subject ? ` (${e(f.subject)})` : ''}</li>`;
  const list = (items: string[]) => (items.length ? `<ul>${items.join('')}</ul>` : '<p>None.</p>');
  const drift = diff.hosts.drift.flatMap((d) => d.changes.map((c) => `<li>${e(d.host)}: ${e(c.summary)}</li>`));
  return `<p>Compared with the run of ${e(diff.old.startedAt)}.</p>
<h3>New findings (<span data-diff="new">${diff.findings.new.length}</span>)</h3>${list(diff.findings.new.map(item))}
<h3>Resolved (<span data-diff="resolved">${diff.findings.resolved.length}</span>)</h3>${list(diff.findings.resolved.map(item))}
<h3>Expired suppressions (${diff.findings.suppressionsExpired.length})</h3>${list(diff.findings.suppressionsExpired.map(item))}
<h3>Hosts appeared / disappeared</h3>${list([...diff.hosts.appeared.map((h) => `<li>+ ${e(h)}</li>`), ...diff.hosts.disappeared.map((h) => `<li>− ${e(h)}</li>`)])}
<h3>Fact drift (<span data-diff="drift">${drift.length}</span>)</h3>${list(drift)}`;
}

const FOOTPRINT_BAR_CLASS: Record<FootprintKey, string> = {
  hypervisorCode: 'bar-ring',
  trustedComputingBase: 'bar-mgmt',
  managementSurface: 'bar-surface',
};

/** A cell: the bytes, marked ≈ when the platform approximates the definition, with the reason when unknown. */
function footprintCell(cell: FootprintCell): string {
  const approx = cell.approximation ? ' <abbr title="approximation: see the notes below">≈</abbr>' : '';
  const reason = cell.unknownReason ? ` <small>(${e(cell.unknownReason)})</small>` : '';
  return `<td>${e(formatBytes(cell.bytes))}${approx} <small>${imageCount(cell.images)}</small>${reason}</td>`;
}

function footprintSection(rows: FootprintRow[]): string {
  if (rows.length === 0) return '<p>No footprint measured.</p>';
  const bars = (values: Record<FootprintKey, number | null>) =>
    FOOTPRINT_MEASURES.map(({ key, short }) => ({ label: short, value: values[key], text: formatBytes(values[key]), cssClass: FOOTPRINT_BAR_CLASS[key] }));
  const perPlatform = barChart(
    footprintByPlatform(rows).map((p) => ({ label: `${p.platform} (median of ${p.hosts})`, bars: bars(p.measures) })),
    { title: 'Footprint by platform', log: true },
  );
  const byHost = (r: FootprintRow) => Object.fromEntries(FOOTPRINT_MEASURES.map(({ key }) => [key, r.measures[key].bytes])) as Record<FootprintKey, number | null>;
  const perHost = barChart(rows.map((r) => ({ label: r.host, bars: bars(byHost(r)) })), { title: 'Footprint by host', log: true });
  const notes = footprintApproximations(rows);
  return `<p>The same three measures on every platform: on-disk bytes of the distinct code images (docs/footprint.md). Size alone decides little; what runs there and how it is exposed decides.</p>${perPlatform}${perHost}
<table><thead><tr><th>Host</th><th>Platform</th>${FOOTPRINT_MEASURES.map(({ label }) => `<th>${e(label)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr data-footprint="${e(r.host)}"><td>${e(r.host)}</td><td>${e(r.platform)}</td>${FOOTPRINT_MEASURES.map(({ key }) => footprintCell(r.measures[key])).join('')}</tr>`)
    .join('')}</tbody></table>
<details><summary>Definitions and approximations</summary><ul>${FOOTPRINT_MEASURES.map(({ key }) => `<li>${e(FOOTPRINT_DEFINITIONS[key])}</li>`).join('')}</ul><ul>${notes
    .map((n) => `<li>${e(n.platform)}, ${e(n.label)}: ${e(n.note)}</li>`)
    .join('')}</ul></details>`;
}

/**
 * A self-contained HTML report (inline CSS and SVG, no scripts, no external fonts or CDNs), written in pieces: the
 * summary comes from the report's totals, and each host-by-host section reads the hosts again, one at a time.
 */
export function* htmlChunks(report: ScanReport, hosts: HostSource = hostSource(report), options: { diff?: ReportDiff } = {}): Generator<string> {
  const s = report.summary;
  const cards = SEVERITIES.map((x) => `<div class="card">${sev(x)}<b data-count="${x}">${s.findingsBySeverity[x]}</b></div>`).join('');
  const severityChart = barChart(
    [{ label: 'open findings', bars: SEVERITIES.map((x) => ({ label: x, value: s.findingsBySeverity[x], text: String(s.findingsBySeverity[x]), cssClass: `sev-${x}` })) }],
    { title: 'Open findings by severity' },
  ).replace(/class="sev-(\w+)"/g, (_, x: string) => `style="fill:${{ critical: '#7a1020', high: '#c0392b', medium: '#d68910', low: '#2874a6', info: '#717d7e' }[x]}"`);
  const insecure = [...hosts.entries()].filter((h) => h.insecure).map((h) => h.name);
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>hvscan report ${e(report.startedAt)}</title><style>${STYLE}</style></head>
<body><header><h1>hvscan report</h1><div>${e(report.startedAt)} → ${e(report.finishedAt)} · profile ${e(report.config.profile)} · hvscan ${e(report.tool.version)}</div></header>
<main>
${report.complete ? '' : '<p class="warn">This run was interrupted: the report is partial.</p>'}
${insecure.length ? `<p class="warn">TLS verification was switched off for: ${insecure.map(e).join(', ')}.</p>` : ''}
<h2>Summary</h2>
<div class="cards"><div class="card">hosts<b data-count="hosts">${s.hosts}</b></div><div class="card">failed hosts<b data-count="failedHosts">${s.failedHosts}</b></div>${cards}<div class="card">suppressed<b data-count="suppressed">${s.suppressedFindings}</b></div></div>
${severityChart}
<table><thead><tr><th>Host</th><th>Platform</th><th>Status</th>${SEVERITIES.map((x) => `<th>${x}</th>`).join('')}</tr></thead><tbody>`;
  for (const h of hosts.entries()) {
    const counts = SEVERITIES.map((x) => h.findings.filter((f) => f.status === 'fail' && !f.suppressed && f.severity === x).length);
    yield `<tr><td>${e(h.name)}</td><td>${e(h.platform)}</td><td class="status-${e(h.status)}">${e(h.status)}</td>${counts.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  }
  yield `</tbody></table>
<h2>Footprint: hypervisor code, trusted computing base, exposed management surface</h2>${footprintSection(footprintRows({ hosts: hosts.entries() }))}
<h2>What changed since the last run</h2>${changesSection(options.diff)}
<h2>Hosts</h2>`;
  for (const host of hosts.entries()) yield `${hostSection(host, report)}\n`;
  const suppressed = [...hosts.entries()].flatMap((h) => h.findings.filter((f) => f.suppressed).map((f) => ({ h: h.name, f })));
  yield `<h2>Suppressed findings (${suppressed.length})</h2>${
    suppressed.length
      ? `<table><thead><tr><th>Host</th><th>Finding</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead><tbody>${suppressed
          .map(({ h, f }) => `<tr><td>${e(h)}</td><td>${sev(f.severity)} ${e(ruleInReport(report, f.ruleId).title)}</td><td>${e(f.suppressed!.reason)}</td><td>${e(f.suppressed!.owner ?? '')}</td><td>${e(f.suppressed!.expires)}</td></tr>`)
          .join('')}</tbody></table>`
      : '<p>None.</p>'
  }
</main></body></html>
`;
}

export const renderHtml = (report: ScanReport, options: { diff?: ReportDiff } = {}): string => [...htmlChunks(report, hostSource(report), options)].join('');

export const htmlWriter: ReportWriter = { format: 'html', chunks: (report, hosts) => htmlChunks(report, hosts) };
