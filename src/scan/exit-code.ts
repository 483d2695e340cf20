import { EXIT } from '../errors.js';
import type { Severity } from '../model/index.js';
import type { ScanReport } from '../report/schema.js';

export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** 3 when an unsuppressed failed finding is at or above the threshold, else 4 when a host failed collection, else 0. */
export function exitCodeFor(report: Pick<ScanReport, 'hosts'>, failOn: FailOn): number {
  if (failOn !== 'none') {
    const threshold = RANK[failOn];
    const hit = report.hosts.some((host) =>
      host.findings.some((f) => f.status === 'fail' && !f.suppressed && RANK[f.severity] >= threshold),
    );
    if (hit) return EXIT.findings;
  }
  return report.hosts.some((host) => host.status === 'failed') ? EXIT.hostsFailed : EXIT.ok;
}
