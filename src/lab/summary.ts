import { footprintApproximations, footprintByPlatform, footprintRows, formatBytes } from '../report/footprint.js';
import { ruleInReport, type ScanReport } from '../core/report/schema.js';
import {
  compareSeverity,
  FOOTPRINT_DEFINITIONS,
  FOOTPRINT_MEASURES,
  SEVERITY_ORDER,
  type Finding,
  type FootprintKey,
} from '../core/model/index.js';
import { listRules } from '../rules/registry.js';
import { terminalText } from '../core/terminal.js';

/** Host-supplied text on a terminal: no control sequences, one line. */
function plain(text: unknown, max = 100): string {
  const s = terminalText(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Text wrapped at word boundaries to `width`, continuation lines indented like the first. */
function wrap(text: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of terminalText(text).split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function evidence(f: Finding): string {
  const { path, observed, expected } = f.evidence;
  const parts = [path];
  if (observed !== undefined) parts.push(`observed ${JSON.stringify(observed)}`);
  if (expected !== undefined) parts.push(`expected ${JSON.stringify(expected)}`);
  return plain(parts.join(', '), 140);
}

/**
 * Rules about what runs in Ring -1 and what the management partition exposes: the story the demo tells (the footprint
 * comparison below), so they lead within a severity.
 */
function storyRules(): Set<string> {
  return new Set(
    listRules()
      .filter((r) => r.category === 'trust-boundaries' || r.category === 'management-exposure')
      .map((r) => r.id),
  );
}

/** Up to `count` entries taken from each platform in turn (each in its own order), then shown worst first. */
function takeAcrossPlatforms<T extends { h: { platform: string }; f: Finding }>(entries: T[], count: number): T[] {
  const queues = new Map<string, T[]>();
  for (const e of entries) queues.set(e.h.platform, [...(queues.get(e.h.platform) ?? []), e]);
  const taken: T[] = [];
  while (taken.length < count && [...queues.values()].some((q) => q.length > 0)) {
    for (const q of queues.values()) if (q.length > 0 && taken.length < count) taken.push(q.shift()!);
  }
  return taken.sort((a, b) => entries.indexOf(a) - entries.indexOf(b));
}

/** The demo's readable summary: hosts by platform and status, findings by severity, top findings, footprint both ways. */
export function demoSummary(report: ScanReport, options: { top?: number; width?: number } = {}): string {
  const out: string[] = [''];
  const platforms = new Map<string, Record<string, number>>();
  for (const h of report.hosts) {
    const row = platforms.get(h.platform) ?? { ok: 0, partial: 0, failed: 0 };
    row[h.status]++;
    platforms.set(h.platform, row);
  }
  out.push('Hosts by platform');
  for (const [platform, s] of [...platforms].sort())
    out.push(`  ${platform.padEnd(8)} ${s.ok} ok, ${s.partial} partial, ${s.failed} failed`);

  const sev = report.summary.findingsBySeverity;
  out.push('', `Findings by severity (failed checks): ${SEVERITY_ORDER.map((s) => `${sev[s]} ${s}`).join(', ')}`);

  const story = storyRules();
  const open = report.hosts
    .flatMap((h) => h.findings.filter((f) => f.status === 'fail' && !f.suppressed).map((f) => ({ h, f })))
    .sort(
      (a, b) =>
        compareSeverity(a.f.severity, b.f.severity) ||
        Number(story.has(b.f.ruleId)) - Number(story.has(a.f.ruleId)) ||
        a.h.name.localeCompare(b.h.name),
    );
  // One line per rule (the worst host first), so the top list shows different risks rather than one risk many times.
  const seen = new Set<string>();
  const top = takeAcrossPlatforms(
    open.filter(({ f }) => !seen.has(f.ruleId) && seen.add(f.ruleId)),
    options.top ?? 12,
  );
  out.push('', `Top findings (${top.length} of ${open.length}, one per rule)`);
  for (const { h, f } of top) {
    const same = open.filter((o) => o.f.ruleId === f.ruleId);
    const hostCount = new Set(same.map((o) => o.h.name)).size;
    const spread = same.length > 1 ? ` (${same.length} results on ${hostCount} host${hostCount === 1 ? '' : 's'})` : '';
    out.push(
      `  [${f.severity.toUpperCase()}] ${plain(h.name, 40)}: ${plain(ruleInReport(report, f.ruleId).title)}${spread}`,
    );
    out.push(`      ${plain(f.message, 140)}`);
    out.push(`      evidence: ${evidence(f)}`);
  }

  const rows = footprintRows(report);
  out.push(
    '',
    'Footprint, the same three measures on both platforms: on-disk bytes of distinct code images (median per platform; ≈ approximated)',
  );
  for (const p of footprintByPlatform(rows)) {
    const approximated = (key: FootprintKey) =>
      rows.some((r) => r.platform === p.platform && r.measures[key].approximation);
    const cells = FOOTPRINT_MEASURES.map(
      ({ key, label }) => `${label} ${formatBytes(p.measures[key]).padStart(8)}${approximated(key) ? ' ≈' : '  '}`,
    );
    out.push(`  ${p.platform.padEnd(8)} ${cells.join('   ')}   (${p.hosts} hosts)`);
  }
  const width = options.width ?? 100;
  const bullet = (mark: string, text: string) => {
    const [first, ...rest] = wrap(text, '      ', width);
    out.push(`    ${mark} ${first!.trimStart()}`, ...rest);
  };
  for (const { key } of FOOTPRINT_MEASURES) bullet('-', FOOTPRINT_DEFINITIONS[key]);
  for (const n of footprintApproximations(rows)) bullet('≈', `${n.platform} ${n.label}: ${n.note}`);
  bullet(
    ' ',
    "The lab's file, module and boot-module sizes are illustrative, not measured: only real hosts settle the comparison.",
  );
  const failed = report.hosts.filter((h) => h.status !== 'ok');
  if (failed.length) {
    out.push('', 'Collection problems');
    for (const h of failed)
      for (const e of h.errors.slice(0, 3)) out.push(`  ${plain(h.name, 40)} ${e.step}: ${plain(e.message, 140)}`);
  }
  out.push(
    '',
    'Next: scan a real host',
    '  hvscan init                              write a starter config (asks for the host, platform and account)',
    '  hvscan trust esx01.example.com           read its certificate fingerprint; compare it on the host, then pin it',
    '  hvscan validate -c hvscan.config.json    check the config and secrets without connecting',
    '  hvscan scan -c hvscan.config.json        scan, show the failed checks, write hvscan-report.json',
    '  Guide: docs/first-real-host.md (read-only vCenter role, WinRM/OpenSSH on Hyper-V, exit codes in cron)',
  );
  return out.join('\n') + '\n';
}
