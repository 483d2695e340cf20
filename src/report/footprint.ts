import { FOOTPRINT_MEASURES, isUnknown, type FootprintKey } from '../core/model/index.js';
import type { ReportHost } from '../core/report/schema.js';

/** One measure of one host as the reports show it. */
export interface FootprintCell {
  /** Bytes; null when unknown. */
  bytes: number | null;
  /** How many code images the measure lists as evidence. */
  images: number;
  /** How this platform departs from the shared definition, when it does. */
  approximation?: string;
  /** Why the measure or its bytes are unknown. */
  unknownReason?: string;
}

export interface FootprintRow {
  host: string;
  platform: string;
  measures: Record<FootprintKey, FootprintCell>;
}

/**
 * The three measures (docs/footprint.md), per host, read off the collected facts. The rows outlive the hosts they are
 * read from (the HTML writer holds them for the whole section), so each note is kept once however many hosts repeat
 * it: every host read back from the spool brings its own copy of its platform's few-hundred-character approximations.
 */
export function footprintRows(report: { hosts: Iterable<ReportHost> }): FootprintRow[] {
  const notes = new Map<string, string>();
  const once = (note: string): string => notes.get(note) ?? (notes.set(note, note), note);
  const rows: FootprintRow[] = [];
  for (const host of report.hosts) {
    if (!host.facts) continue;
    const footprint = host.facts.footprint;
    const measures = Object.fromEntries(
      FOOTPRINT_MEASURES.map(({ key }): [FootprintKey, FootprintCell] => {
        const m = footprint[key];
        if (isUnknown(m)) return [key, { bytes: null, images: 0, unknownReason: once(m.reason) }];
        const cell: FootprintCell = { bytes: isUnknown(m.bytes) ? null : m.bytes, images: m.counted.length };
        if (isUnknown(m.bytes)) cell.unknownReason = once(m.bytes.reason);
        if (m.approximation) cell.approximation = once(m.approximation);
        return [key, cell];
      }),
    ) as Record<FootprintKey, FootprintCell>;
    rows.push({ host: host.name, platform: once(host.facts.platform), measures });
  }
  return rows;
}

/** Median per platform of each measure, over the hosts where it is known. */
export function footprintByPlatform(
  rows: FootprintRow[],
): Array<{ platform: string; hosts: number; measures: Record<FootprintKey, number | null> }> {
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  return platforms.map((platform) => {
    const mine = rows.filter((r) => r.platform === platform);
    const measures = Object.fromEntries(
      FOOTPRINT_MEASURES.map(({ key }) => [key, median(mine.map((r) => r.measures[key].bytes))]),
    ) as Record<FootprintKey, number | null>;
    return { platform, hosts: mine.length, measures };
  });
}

/** Each platform's approximation notes, once: what makes its numbers differ from the shared definitions. */
export function footprintApproximations(
  rows: FootprintRow[],
): Array<{ platform: string; label: string; note: string }> {
  const seen = new Set<string>();
  const out: Array<{ platform: string; label: string; note: string }> = [];
  for (const r of rows) {
    for (const { key, label } of FOOTPRINT_MEASURES) {
      const note = r.measures[key].approximation;
      if (!note || seen.has(`${r.platform}|${key}|${note}`)) continue;
      seen.add(`${r.platform}|${key}|${note}`);
      out.push({ platform: r.platform, label, note });
    }
  }
  return out;
}

function median(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
