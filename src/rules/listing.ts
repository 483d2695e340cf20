import type { Rule, RuleProfile } from './define.js';
import { RULE_PROFILES } from './define.js';
import { paramsJsonSchema, profileParams } from './params.js';
import { listRules } from './registry.js';

/** One rule as `hvscan rules --json` prints it: metadata, parameter schema and resolved parameters per profile. */
export interface RuleListing {
  id: string;
  title: string;
  severity: Rule['severity'];
  platforms: Rule['platforms'];
  category: string;
  rationale: string;
  risk: string;
  remediation: Rule['remediation'];
  references: Rule['references'];
  paramsSchema: unknown;
  params: Record<RuleProfile, unknown>;
}

export function ruleListing(rules: readonly Rule[] = listRules()): RuleListing[] {
  return rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    platforms: rule.platforms,
    category: rule.category,
    rationale: rule.rationale,
    risk: rule.risk,
    remediation: rule.remediation,
    references: rule.references,
    paramsSchema: paramsJsonSchema(rule),
    params: profileParams(rule),
  }));
}

/** Plain-text table for `hvscan rules`: id, severity, platforms, title. */
export function formatRulesTable(listing: readonly RuleListing[]): string {
  const rows = listing.map((r) => [r.id, r.severity, r.platforms.join(','), r.title]);
  const header = ['RULE', 'SEVERITY', 'PLATFORMS', 'TITLE'];
  const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${listing.length} rules (profiles: ${RULE_PROFILES.join(', ')})`].join('\n');
}
