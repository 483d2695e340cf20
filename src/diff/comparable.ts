import type { ReportHost, ScanReport } from '../core/report/schema.js';

/** The hosts are read only when the hvscan versions differ, once: they may come one at a time from a file. */
type Compared = Pick<ScanReport, 'startedAt' | 'tool' | 'config'> & {
  hosts: Iterable<Pick<ReportHost, 'platform' | 'findings'>>;
};

/** Rule ids that produced a result (any status) per platform: the catalogue a report was judged with. */
function rulesByPlatform(report: Compared): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const host of report.hosts) {
    const ids = out.get(host.platform) ?? new Set<string>();
    for (const f of host.findings) ids.add(f.ruleId);
    out.set(host.platform, ids);
  }
  return out;
}

/**
 * Why a diff of two reports may mislead: they were judged with different profiles or rule catalogues (hvscan
 * versions), so findings come and go with the rules rather than the hosts; or OLD was taken after NEW (new and
 * resolved are swapped).
 */
export function comparabilityWarnings(older: Compared, newer: Compared, names: { old: string; new: string }): string[] {
  const warnings: string[] = [];
  if (Date.parse(older.startedAt) > Date.parse(newer.startedAt)) {
    warnings.push(
      `OLD (${names.old}, ${older.startedAt}) is newer than NEW (${names.new}, ${newer.startedAt}): new and resolved are swapped; give the earlier report first`,
    );
  }
  if (older.config.profile !== newer.config.profile) {
    warnings.push(
      `the reports used different rule profiles (OLD ${older.config.profile}, NEW ${newer.config.profile}): findings differ by profile, not only by host changes`,
    );
  }
  // The catalogue ships with hvscan; within one version a rule id can still be missing from a report when the rule
  // had nothing to judge (no VIBs, no switches), so the rule ids only back up a version difference.
  if (older.tool.version !== newer.tool.version) {
    const [before, after] = [rulesByPlatform(older), rulesByPlatform(newer)];
    let onlyOld = 0;
    let onlyNew = 0;
    for (const [platform, ids] of after) {
      const earlier = before.get(platform);
      if (!earlier) continue;
      for (const id of ids) if (!earlier.has(id)) onlyNew++;
      for (const id of earlier) if (!ids.has(id)) onlyOld++;
    }
    const counts = onlyOld + onlyNew > 0 ? `; ${onlyNew} rule id(s) only in NEW, ${onlyOld} only in OLD` : '';
    warnings.push(
      `the reports come from hvscan ${older.tool.version} and ${newer.tool.version}, whose rule catalogues may differ${counts}: re-judge both with \`hvscan evaluate\` for a like-for-like diff`,
    );
  }
  return warnings;
}
