import type { References, RuleCatalogue } from '../core/model/index.js';
import type { Rule } from './kit/define.js';
import { EXPIRED_SUPPRESSION_RULE } from './engine.js';

/** The rule metadata a report carries once, by id: every rule given plus the engine's expired-suppression rule. */
export function ruleCatalogue(
  rules: readonly Rule[],
  source: (rule: Rule) => string = () => 'built-in',
): RuleCatalogue {
  const catalogue: RuleCatalogue = {
    [EXPIRED_SUPPRESSION_RULE.id]: { ...entryOf(EXPIRED_SUPPRESSION_RULE), source: 'built-in' },
  };
  for (const rule of rules) catalogue[rule.id] = { ...entryOf(rule), source: source(rule) };
  return sortedById(catalogue);
}

function entryOf(
  rule: Pick<Rule, 'title' | 'severity' | 'category' | 'rationale' | 'risk' | 'remediation' | 'references'>,
) {
  const references = referencesOf(rule.references);
  return {
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    rationale: rule.rationale,
    risk: rule.risk,
    remediation: rule.remediation,
    ...(references ? { references } : {}),
  };
}

/** Reference kinds that list something; empty lists are left out. */
export function referencesOf(references: Rule['references']): References | undefined {
  const entries = Object.entries(references).filter(([, value]) => value !== undefined && value.length > 0);
  return entries.length > 0 ? (Object.fromEntries(entries) as References) : undefined;
}

export function sortedById(rules: RuleCatalogue): RuleCatalogue {
  return Object.fromEntries(
    Object.keys(rules)
      .sort()
      .map((id) => [id, rules[id]!]),
  );
}
