import type { ReportDiff } from '../core/report/diff-schema.js';
import type { Finding, RuleCatalogueEntry, Severity } from '../core/model/index.js';
import {
  compareSeverity,
  FOOTPRINT_DEFINITIONS,
  FOOTPRINT_MEASURES,
  imageCount,
  SEVERITY_ORDER as SEVERITIES,
  type FootprintKey,
} from '../core/model/index.js';
import {
  footprintApproximations,
  footprintByPlatform,
  footprintRows,
  formatBytes,
  type FootprintCell,
  type FootprintRow,
} from './footprint.js';
import { hostSource, type HostSource } from './host-source.js';
import { html, type SafeHtml } from './html/template.js';
import { stylesheet } from './html/theme.js';
import type { ReportWriter } from './index.js';
import { ruleInReport, type ReportHost, type ScanReport } from '../core/report/schema.js';
import { barChart, barChartChunks } from './svg.js';

function sev(s: Severity): SafeHtml {
  return html`<span class="sev sev-${s}">${s}</span>`;
}

function evidenceCell(f: Finding): SafeHtml {
  const ev = f.evidence;
  return html`<div><code>${ev.path}</code></div>${ev.observed !== undefined && html`<div>observed: <code>${JSON.stringify(ev.observed)}</code></div>`}${
    ev.expected !== undefined && html`<div>expected: <code>${JSON.stringify(ev.expected)}</code></div>`
  }${ev.reason && html`<div>reason: ${ev.reason}</div>`}${
    ev.unverified &&
    html`<div><em>based on an unverified reference entry${ev.provenance && html`: ${ev.provenance}`}</em></div>`
  }`;
}

function remediationCell(rule: RuleCatalogueEntry): SafeHtml {
  const r = rule.remediation;
  const cmds = [
    r.esxcli && `esxcli: ${r.esxcli}`,
    r.powercli && `PowerCLI: ${r.powercli}`,
    r.powershell && `PowerShell: ${r.powershell}`,
  ].filter(Boolean);
  return html`${r.text}${cmds.length > 0 && html`<pre>${cmds.join('\n')}</pre>`}`;
}

function findingsTable(findings: Finding[], caption: string, report: Pick<ScanReport, 'rules'>): SafeHtml {
  if (findings.length === 0) return html`<p>No ${caption}.</p>`;
  const rows = findings.map(
    (f) =>
      html`<tr data-finding="${f.id}"><td>${sev(f.severity)}</td><td>${f.status}</td><td><b>${ruleInReport(report, f.ruleId).title}</b><div>${f.message}</div><div><small>${f.ruleId}${f.subject && html` · ${f.subject}`}</small></div></td><td>${evidenceCell(f)}</td><td>${remediationCell(ruleInReport(report, f.ruleId))}</td></tr>`,
  );
  return html`<table><thead><tr><th>Severity</th><th>Status</th><th>Finding</th><th>Evidence</th><th>Remediation</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const order = (a: Finding, b: Finding) => compareSeverity(a.severity, b.severity);

function hostSection(host: ReportHost, report: Pick<ScanReport, 'rules'>): SafeHtml {
  const open = host.findings.filter((f) => f.status === 'fail' && !f.suppressed).sort(order);
  const unknown = host.findings.filter((f) => f.status === 'unknown' && !f.suppressed);
  const facts = host.facts;
  const product = facts
    ? [facts.product.name, facts.product.version, facts.product.build]
        .map((v) => (typeof v === 'string' ? v : 'unknown'))
        .join(' · ')
    : 'no facts collected';
  const errors =
    host.errors.length > 0 && html`<ul>${host.errors.map((x) => html`<li><b>${x.step}</b>: ${x.message}</li>`)}</ul>`;
  return html`<details data-host="${host.name}"><summary>${host.name} — <span class="status-${host.status}">${host.status}</span> · ${host.platform} · ${product} · <span data-host-open="${open.length}">${open.length} open findings</span>${host.insecure && html` · <b>TLS verification off</b>`}</summary>
${errors}
<h4>Open findings</h4>${findingsTable(open, 'open findings', report)}
<h4>Unknown (facts not readable)</h4>${findingsTable(unknown, 'unknown results', report)}
</details>`;
}

/** A list, or "None." when it is empty. */
const listOrNone = (items: SafeHtml[]): SafeHtml => (items.length > 0 ? html`<ul>${items}</ul>` : html`<p>None.</p>`);

function changesSection(diff: ReportDiff | undefined): SafeHtml {
  if (!diff) return html`<p>No previous run to compare with.</p>`;
  const item = (f: { host: string; title: string; severity: Severity; subject?: string }) =>
    html`<li>${sev(f.severity)} ${f.host}: ${f.title}${f.subject && html` (${f.subject})`}</li>`;
  const drift = diff.hosts.drift.flatMap((d) => d.changes.map((c) => html`<li>${d.host}: ${c.summary}</li>`));
  return html`<p>Compared with the run of ${diff.old.startedAt}.</p>
<h3>New findings (<span data-diff="new">${diff.findings.new.length}</span>)</h3>${listOrNone(diff.findings.new.map(item))}
<h3>Resolved (<span data-diff="resolved">${diff.findings.resolved.length}</span>)</h3>${listOrNone(diff.findings.resolved.map(item))}
<h3>Expired suppressions (${diff.findings.suppressionsExpired.length})</h3>${listOrNone(diff.findings.suppressionsExpired.map(item))}
<h3>Hosts appeared / disappeared</h3>${listOrNone([...diff.hosts.appeared.map((h) => html`<li>+ ${h}</li>`), ...diff.hosts.disappeared.map((h) => html`<li>− ${h}</li>`)])}
<h3>Fact drift (<span data-diff="drift">${drift.length}</span>)</h3>${listOrNone(drift)}`;
}

const FOOTPRINT_BAR_CLASS: Record<FootprintKey, string> = {
  hypervisorCode: 'bar-ring',
  trustedComputingBase: 'bar-mgmt',
  managementSurface: 'bar-surface',
};

/** A cell: the bytes, marked ≈ when the platform approximates the definition, with the reason when unknown. */
function footprintCell(cell: FootprintCell): SafeHtml {
  const approx = cell.approximation && html` <abbr title="approximation: see the notes below">≈</abbr>`;
  const reason = cell.unknownReason && html` <small>(${cell.unknownReason})</small>`;
  return html`<td>${formatBytes(cell.bytes)}${approx} <small>${imageCount(cell.images)}</small>${reason}</td>`;
}

/**
 * The footprint section in pieces: the rows are small (numbers and notes), but the per-host chart and table are a few
 * KB of markup a host, so they are written a host at a time rather than built whole (at 10,000 hosts, tens of MB).
 */
function* footprintChunks(rows: FootprintRow[]): Generator<string> {
  if (rows.length === 0) {
    yield html`<p>No footprint measured.</p>`.toString();
    return;
  }
  const bars = (values: Record<FootprintKey, number | null>) =>
    FOOTPRINT_MEASURES.map(({ key, short }) => ({
      label: short,
      value: values[key],
      text: formatBytes(values[key]),
      cssClass: FOOTPRINT_BAR_CLASS[key],
    }));
  const perPlatform = barChart(
    footprintByPlatform(rows).map((p) => ({ label: `${p.platform} (median of ${p.hosts})`, bars: bars(p.measures) })),
    { title: 'Footprint by platform', log: true },
  );
  const byHost = (r: FootprintRow) =>
    Object.fromEntries(FOOTPRINT_MEASURES.map(({ key }) => [key, r.measures[key].bytes])) as Record<
      FootprintKey,
      number | null
    >;
  yield html`<p>The same three measures on every platform: on-disk bytes of the distinct code images (docs/footprint.md). Size alone decides little; what runs there and how it is exposed decides.</p>${perPlatform}`.toString();
  const hostGroups = function* () {
    for (const r of rows) yield { label: r.host, bars: bars(byHost(r)) };
  };
  for (const part of barChartChunks(hostGroups, { title: 'Footprint by host', log: true })) yield part.toString();
  yield html`
<table><thead><tr><th>Host</th><th>Platform</th>${FOOTPRINT_MEASURES.map(({ label }) => html`<th>${label}</th>`)}</tr></thead><tbody>`.toString();
  for (const r of rows) {
    yield html`<tr data-footprint="${r.host}"><td>${r.host}</td><td>${r.platform}</td>${FOOTPRINT_MEASURES.map(({ key }) => footprintCell(r.measures[key]))}</tr>`.toString();
  }
  yield html`</tbody></table>
<details><summary>Definitions and approximations</summary><ul>${FOOTPRINT_MEASURES.map(({ key }) => html`<li>${FOOTPRINT_DEFINITIONS[key]}</li>`)}</ul><ul>${footprintApproximations(
    rows,
  ).map((n) => html`<li>${n.platform}, ${n.label}: ${n.note}</li>`)}</ul></details>`.toString();
}

/**
 * A self-contained HTML report (inline CSS and SVG, no scripts, no external fonts or CDNs), written in pieces: the
 * summary comes from the report's totals, and each host-by-host section reads the hosts again, one at a time.
 */
export function* htmlChunks(
  report: ScanReport,
  hosts: HostSource = hostSource(report),
  options: { diff?: ReportDiff } = {},
): Generator<string> {
  const s = report.summary;
  const cards = SEVERITIES.map(
    (x) => html`<div class="card">${sev(x)}<b data-count="${x}">${s.findingsBySeverity[x]}</b></div>`,
  );
  const severityChart = barChart(
    [
      {
        label: 'open findings',
        bars: SEVERITIES.map((x) => ({
          label: x,
          value: s.findingsBySeverity[x],
          text: String(s.findingsBySeverity[x]),
          cssClass: `sev-${x}`,
        })),
      },
    ],
    { title: 'Open findings by severity' },
  );
  // One entry at a time (a spread of the entries held every spooled host's facts at once: 2 GB at 10,000 hosts).
  const insecure: string[] = [];
  for (const h of hosts.entries()) if (h.insecure) insecure.push(h.name);
  yield html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>hvscan report ${report.startedAt}</title><style>${stylesheet}</style></head>
<body><header><h1>hvscan report</h1><div>${report.startedAt} → ${report.finishedAt} · profile ${report.config.profile} · hvscan ${report.tool.version}</div></header>
<main>
${!report.complete && html`<p class="warn">This run was interrupted: the report is partial.</p>`}
${insecure.length > 0 && html`<p class="warn">TLS verification was switched off for: ${insecure.join(', ')}.</p>`}
<h2>Summary</h2>
<div class="cards"><div class="card">hosts<b data-count="hosts">${s.hosts}</b></div><div class="card">failed hosts<b data-count="failedHosts">${s.failedHosts}</b></div>${cards}<div class="card">suppressed<b data-count="suppressed">${s.suppressedFindings}</b></div></div>
${severityChart}
<table><thead><tr><th>Host</th><th>Platform</th><th>Status</th>${SEVERITIES.map((x) => html`<th>${x}</th>`)}</tr></thead><tbody>`.toString();
  for (const h of hosts.entries()) {
    const counts = SEVERITIES.map(
      (x) => h.findings.filter((f) => f.status === 'fail' && !f.suppressed && f.severity === x).length,
    );
    yield html`<tr><td>${h.name}</td><td>${h.platform}</td><td class="status-${h.status}">${h.status}</td>${counts.map((c) => html`<td>${c}</td>`)}</tr>`.toString();
  }
  yield html`</tbody></table>
<h2>Footprint: hypervisor code, trusted computing base, exposed management surface</h2>`.toString();
  yield* footprintChunks(footprintRows({ hosts: hosts.entries() }));
  yield html`
<h2>What changed since the last run</h2>${changesSection(options.diff)}
<h2>Hosts</h2>`.toString();
  for (const host of hosts.entries()) yield `${hostSection(host, report)}\n`;
  const suppressed: Array<{ h: string; f: Finding }> = [];
  for (const h of hosts.entries()) for (const f of h.findings) if (f.suppressed) suppressed.push({ h: h.name, f });
  const suppressedRows = suppressed.map(
    ({ h, f }) =>
      html`<tr><td>${h}</td><td>${sev(f.severity)} ${ruleInReport(report, f.ruleId).title}</td><td>${f.suppressed!.reason}</td><td>${f.suppressed!.owner}</td><td>${f.suppressed!.expires}</td></tr>`,
  );
  yield html`<h2>Suppressed findings (${suppressed.length})</h2>${
    suppressed.length > 0
      ? html`<table><thead><tr><th>Host</th><th>Finding</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead><tbody>${suppressedRows}</tbody></table>`
      : html`<p>None.</p>`
  }
</main></body></html>
`.toString();
}

export const renderHtml = (report: ScanReport, options: { diff?: ReportDiff } = {}): string =>
  [...htmlChunks(report, hostSource(report), options)].join('');

export const htmlWriter: ReportWriter = { format: 'html', chunks: (report, hosts) => htmlChunks(report, hosts) };
