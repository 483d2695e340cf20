import { EXIT } from '../core/errors.js';
import type { Severity } from '../core/model/index.js';
import type { ScanReport } from '../core/report/schema.js';

export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** 3 when an unsuppressed failed finding is at or above the threshold, else 4 when a host failed collection, else 0. */
export function exitCodeFor(report: Pick<ScanReport, 'summary'>, failOn: FailOn): number {
  const { findingsBySeverity, failedHosts } = report.summary;
  if (failOn !== 'none') {
    const threshold = RANK[failOn];
    const hit = Object.entries(findingsBySeverity).some(
      ([severity, n]) => n > 0 && RANK[severity as Severity] >= threshold,
    );
    if (hit) return EXIT.findings;
  }
  return failedHosts > 0 ? EXIT.hostsFailed : EXIT.ok;
}
