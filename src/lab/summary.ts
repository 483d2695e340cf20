import { footprintByPlatform, footprintRows, formatBytes } from '../report/footprint.js';
import type { ScanReport } from '../report/schema.js';
import type { Finding, Severity } from '../model/index.js';

const ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Host-supplied text on a terminal: no control sequences, one line. */
function plain(text: unknown, max = 100): string {
  const s = String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function evidence(f: Finding): string {
  const { path, observed, expected } = f.evidence;
  const parts = [path];
  if (observed !== undefined) parts.push(`observed ${JSON.stringify(observed)}`);
  if (expected !== undefined) parts.push(`expected ${JSON.stringify(expected)}`);
  return plain(parts.join(', '), 140);
}

/** The demo's readable summary: hosts by platform and status, findings by severity, top findings, footprint both ways. */
export function demoSummary(report: ScanReport, options: { top?: number } = {}): string {
  const out: string[] = [''];
  const platforms = new Map<string, Record<string, number>>();
  for (const h of report.hosts) {
    const row = platforms.get(h.platform) ?? { ok: 0, partial: 0, failed: 0 };
    row[h.status]++;
    platforms.set(h.platform, row);
  }
  out.push('Hosts by platform');
  for (const [platform, s] of [...platforms].sort()) out.push(`  ${platform.padEnd(8)} ${s.ok} ok, ${s.partial} partial, ${s.failed} failed`);

  const sev = report.summary.findingsBySeverity;
  out.push('', `Findings by severity (failed checks): ${ORDER.map((s) => `${sev[s]} ${s}`).join(', ')}`);

  const open = report.hosts
    .flatMap((h) => h.findings.filter((f) => f.status === 'fail' && !f.suppressed).map((f) => ({ h, f })))
    .sort((a, b) => ORDER.indexOf(a.f.severity) - ORDER.indexOf(b.f.severity) || a.h.name.localeCompare(b.h.name));
  // One line per rule (the worst host first), so the top list shows different risks rather than one risk many times.
  const seen = new Set<string>();
  const top = open.filter(({ f }) => !seen.has(f.ruleId) && seen.add(f.ruleId)).slice(0, options.top ?? 12);
  out.push('', `Top findings (${top.length} of ${open.length}, one per rule)`);
  for (const { h, f } of top) {
    const others = open.filter((o) => o.f.ruleId === f.ruleId).length - 1;
    out.push(`  [${f.severity.toUpperCase()}] ${plain(h.name, 40)}: ${plain(f.title)}${others > 0 ? ` (+${others} more)` : ''}`);
    out.push(`      ${plain(f.message, 140)}`);
    out.push(`      evidence: ${evidence(f)}`);
  }

  const rows = footprintRows(report);
  out.push('', 'Footprint: Ring -1 only vs with the management partition / tools (median per platform)');
  for (const p of footprintByPlatform(rows)) {
    out.push(`  ${p.platform.padEnd(8)} Ring -1 ${formatBytes(p.hypervisor).padStart(8)}   with management ${formatBytes(p.withManagement).padStart(8)}   (${p.hosts} hosts)`);
  }
  const definitions = [...new Set(rows.flatMap((r) => [r.hypervisorDefinition, r.withManagementDefinition]).filter((d): d is string => Boolean(d)))];
  for (const d of definitions) out.push(`    - ${plain(d, 160)}`);
  const failed = report.hosts.filter((h) => h.status !== 'ok');
  if (failed.length) {
    out.push('', 'Collection problems');
    for (const h of failed) for (const e of h.errors.slice(0, 3)) out.push(`  ${plain(h.name, 40)} ${e.step}: ${plain(e.message, 140)}`);
  }
  return out.join('\n') + '\n';
}
