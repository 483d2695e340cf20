import { matchesPattern } from '../core/text/pattern.js';
import { didYouMean } from '../core/text/suggest.js';
import type { SuppressionEntry } from './suppressions.js';

/** What a suppressions file is checked against: the rule catalogue and the hosts the run knows by name. */
export interface SuppressionScope {
  ruleIds: readonly string[];
  /** Target names and addresses from the config (or host and target names from a saved report). */
  hostNames: readonly string[];
  /** A vCenter target yields hosts whose names the config does not list: a host that matches nothing may be one. */
  vcenterTargets: readonly string[];
}

/**
 * Entries that can never apply, in the config's error style (entry index and field): a rule pattern no rule id
 * matches, a host pattern no known host matches. The second is only a warning when vCenter targets may yield the host.
 */
export function suppressionMismatches(
  entries: readonly SuppressionEntry[],
  scope: SuppressionScope,
): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  entries.forEach((entry, index) => {
    if (!scope.ruleIds.some((id) => matchesPattern(entry.rule, id))) {
      const suggestion = didYouMean(entry.rule, scope.ruleIds) || '; `hvscan rules` lists them';
      errors.push(`entry ${index}, field "rule": no rule matches ${JSON.stringify(entry.rule)}${suggestion}`);
    }
    const patterns = [entry.hosts].flat();
    patterns.forEach((pattern, i) => {
      if (scope.hostNames.some((name) => matchesPattern(pattern, name))) return;
      const where = `entry ${index}, field "${Array.isArray(entry.hosts) ? `hosts[${i}]` : 'hosts'}"`;
      const text = `${where}: no configured target matches ${JSON.stringify(pattern)}${didYouMean(pattern, scope.hostNames)}`;
      if (scope.vcenterTargets.length > 0)
        warnings.push(`${text}; it may be a host behind ${scope.vcenterTargets.join(', ')}`);
      else errors.push(text);
    });
  });
  return { errors, warnings };
}
