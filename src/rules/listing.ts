import type { Rule, RuleProfile } from './kit/define.js';
import { RULE_PROFILES } from './kit/define.js';
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
  /** "built-in", or the custom rule's file. */
  source: string;
}

export function ruleListing(
  rules: readonly Rule[] = listRules(),
  source: (rule: Rule) => string = () => 'built-in',
): RuleListing[] {
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
    source: source(rule),
  }));
}

/** Plain-text table for `hvscan rules`: id, severity, platforms, title, and each rule's file when custom rules are loaded. */
export function formatRulesTable(listing: readonly RuleListing[]): string {
  const custom = listing.filter((r) => r.source !== 'built-in').length;
  const rows = listing.map((r) => [
    r.id,
    r.severity,
    r.platforms.join(','),
    r.title,
    ...(custom > 0 ? [r.source] : []),
  ]);
  const header = ['RULE', 'SEVERITY', 'PLATFORMS', 'TITLE', ...(custom > 0 ? ['SOURCE'] : [])];
  const padded = header.length - 1;
  const widths = header.slice(0, padded).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < padded ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  const total = `${listing.length} rules${custom > 0 ? `, ${custom} custom` : ''} (profiles: ${RULE_PROFILES.join(', ')})`;
  return [line(header), ...rows.map(line), '', total].join('\n');
}
