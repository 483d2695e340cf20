import type { ReportDiff } from '../core/report/diff-schema.js';
import { streamReport } from '../report/read-streamed.js';
import { comparabilityWarnings } from './comparable.js';
import { diffReports } from './index.js';

export interface FileDiff {
  diff: ReportDiff;
  /** Why the two reports may not compare like for like (comparabilityWarnings). */
  warnings: string[];
  /** The most report text held at once: one host entry or one rule catalogue, never a whole input. */
  largestHeld: number;
}

/**
 * Diffs two saved reports (current schemaVersion or 1) read host by host from their files, as the audit reads its
 * previous run: the older report's hosts in one pass, each paired with the newer report's host of its name read
 * again from its place in the file, so neither report is ever whole in memory. Same diff as `diffReports` of the two
 * reports read whole.
 */
export function diffReportFiles(oldPath: string, newPath: string): FileDiff {
  const [older, newer] = [streamReport(oldPath), streamReport(newPath)];
  // A generator reads nothing until iterated: the warnings read the hosts only when the hvscan versions differ.
  const warnings = comparabilityWarnings(
    { ...older.frame, hosts: older.hosts() },
    { ...newer.frame, hosts: newer.hosts() },
    { old: oldPath, new: newPath },
  );
  const diff = diffReports(
    { ...older.frame, hosts: older.hosts() },
    { ...newer.frame, hosts: newer.hosts(), hostNamed: newer.hostNamed },
  );
  return { diff, warnings, largestHeld: Math.max(older.held.largest, newer.held.largest) };
}
