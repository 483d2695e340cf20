import { z } from 'zod';
import { RULE_PROFILES, type Rule, type RuleProfile } from './kit/define.js';
import { profileValuesOf } from './profiles.js';

/** Overrides from config: rule id → parameter name → value. */
export type ParamOverrides = Record<string, Record<string, unknown>>;

export class RuleParamsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid rule parameters:\n  ${problems.join('\n  ')}`);
    this.name = 'RuleParamsError';
  }
}

function issuesOf(ruleId: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
    return `rules.params.${ruleId}${field}: ${issue.message}`;
  });
}

/**
 * The rule's parameters for a profile: schema defaults, then the profile's values (data/profiles/<profile>.json, or a
 * custom rule's inline profileDefaults), then config overrides.
 */
export function resolveParams(rule: Rule, profile: RuleProfile, override?: Record<string, unknown>): unknown {
  const input = { ...profileValuesOf(rule, profile), ...(override ?? {}) };
  const parsed = rule.params.safeParse(input);
  if (!parsed.success) throw new RuleParamsError(issuesOf(rule.id, parsed.error));
  return parsed.data;
}

/** Every problem in a config's overrides at once (unknown rule ids included), as `rules.params.<id>.<field>: message`. */
export function validateParamOverrides(
  rules: readonly Rule[],
  overrides: ParamOverrides,
  profile: RuleProfile,
): string[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const problems: string[] = [];
  for (const [ruleId, override] of Object.entries(overrides)) {
    const rule = byId.get(ruleId);
    if (!rule) {
      problems.push(`rules.params.${ruleId}: no rule with this id`);
      continue;
    }
    const parsed = rule.params.safeParse({ ...profileValuesOf(rule, profile), ...override });
    if (!parsed.success) problems.push(...issuesOf(ruleId, parsed.error));
  }
  return problems;
}

/** Resolved parameters per rule per profile, for `hvscan rules --json` and the docs. */
export function profileParams(rule: Rule): Record<RuleProfile, unknown> {
  return Object.fromEntries(RULE_PROFILES.map((profile) => [profile, resolveParams(rule, profile)])) as Record<
    RuleProfile,
    unknown
  >;
}

/** JSON Schema of a rule's parameters (for listings and docs). */
export function paramsJsonSchema(rule: Rule): unknown {
  return z.toJSONSchema(rule.params, { io: 'input', unrepresentable: 'any' });
}
