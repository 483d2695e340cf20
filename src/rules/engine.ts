import { CANNOT_JUDGE, type Finding, type HostFacts } from '../core/model/index.js';
import { matchesPattern } from '../core/text/pattern.js';
import type { Rule, RuleContext, RuleProfile, RuleResult } from './kit/define.js';
import { findingId, hostIdentity } from './finding-id.js';
import { resolveParams, type ParamOverrides } from './params.js';
import { listRules } from './registry.js';
import { entryMatchesHost, expiryInstant, type SuppressionEntry } from './suppressions.js';

/** The engine's own rule: a suppression past its expiry date. Its results are findings like any rule's. */
export const EXPIRED_SUPPRESSION_RULE = {
  id: 'hvscan-suppression-expired',
  title: 'A suppression has expired and no longer hides its results',
  severity: 'medium',
  category: 'hvscan',
  rationale: 'Every accepted risk is reviewed by a set date; an exception past that date is no longer accepted.',
  risk: 'Results the exception hid are reported again, and an exception nobody reviewed may cover a real risk.',
  remediation: {
    text: 'Fix the underlying results, or review the exception and renew the entry with a new expiry date.',
  },
  references: {},
} as const satisfies Omit<Rule, 'platforms' | 'params' | 'evaluate'>;
export const SUPPRESSION_EXPIRED_RULE_ID = EXPIRED_SUPPRESSION_RULE.id;

export interface EvaluateOptions {
  profile: RuleProfile;
  /** Config overrides: rule id → parameter → value. Invalid values throw RuleParamsError naming rule and field. */
  params?: ParamOverrides;
  suppressions?: SuppressionEntry[];
  now: Date;
  /** Rules to run instead of the registry (tests, benchmarks). */
  rules?: readonly Rule[];
}

interface PreparedRule {
  rule: Rule;
  params: unknown;
}

// Parameters are resolved (zod-parsed) once per (rule list, overrides, profile), not once per host.
const prepared = new WeakMap<object, WeakMap<object, Map<RuleProfile, PreparedRule[]>>>();
const NO_OVERRIDES = {};
const REGISTRY = {};

function prepareRules(options: EvaluateOptions): PreparedRule[] {
  const rulesKey = options.rules ?? REGISTRY;
  const byParams = prepared.get(rulesKey) ?? new WeakMap<object, Map<RuleProfile, PreparedRule[]>>();
  prepared.set(rulesKey, byParams);
  const byProfile = byParams.get(options.params ?? NO_OVERRIDES) ?? new Map<RuleProfile, PreparedRule[]>();
  byParams.set(options.params ?? NO_OVERRIDES, byProfile);
  let list = byProfile.get(options.profile);
  if (!list) {
    list = (options.rules ?? listRules()).map((rule) => ({
      rule,
      params: resolveParams(rule, options.profile, options.params?.[rule.id]),
    }));
    byProfile.set(options.profile, list);
  }
  return list;
}

function runRule(entry: PreparedRule, facts: HostFacts, ctx: RuleContext): RuleResult | RuleResult[] {
  try {
    const output = entry.rule.evaluate(facts, entry.params, ctx);
    if (Array.isArray(output) && output.length === 0) throw new Error('the rule returned no result');
    return output;
  } catch (err) {
    const message = `rule error: ${err instanceof Error ? err.message : String(err)}`;
    return [{ status: 'unknown', message, evidence: { path: '(rule)' } }];
  }
}

// Field by field rather than a spread: this runs once per finding (over a million per 10,000 hosts). Keys a rule
// left undefined stay absent, as JSON would drop them anyway; the order matches the result helpers'. A reason the
// message already states ("Cannot judge: <reason>") is written once, in the message (unknownReason reads it back).
function evidenceOf(evidence: RuleResult['evidence'], message: string): Finding['evidence'] {
  const out: Finding['evidence'] = { path: evidence.path };
  if (evidence.observed !== undefined) out.observed = evidence.observed as Finding['evidence']['observed'];
  if (evidence.expected !== undefined) out.expected = evidence.expected as Finding['evidence']['expected'];
  if (evidence.reason !== undefined && message !== `${CANNOT_JUDGE}${evidence.reason}`) out.reason = evidence.reason;
  if (evidence.unverified !== undefined) out.unverified = evidence.unverified;
  if (evidence.provenance !== undefined) out.provenance = evidence.provenance;
  return out;
}

function toFinding(entry: PreparedRule, result: RuleResult, identity: string): Finding {
  const { rule } = entry;
  const { subject } = result;
  const finding: Finding = {
    id: findingId(rule.id, identity, subject),
    ruleId: rule.id,
    severity: result.severity ?? rule.severity,
    status: result.status,
    message: result.message,
    evidence: evidenceOf(result.evidence, result.message),
  };
  if (subject !== undefined) finding.subject = subject;
  return finding;
}

/** Runs every rule for the host's platform; a rule that throws yields an unknown result and the others continue. */
export function evaluateHost(facts: HostFacts, options: EvaluateOptions): Finding[] {
  const identity = hostIdentity(facts);
  const ctx: RuleContext = { now: options.now, profile: options.profile };
  const findings: Finding[] = [];
  for (const entry of prepareRules(options)) {
    if (!entry.rule.platforms.includes(facts.platform)) continue;
    const output = runRule(entry, facts, ctx);
    if (!Array.isArray(output)) findings.push(toFinding(entry, output, identity));
    else for (const result of output) findings.push(toFinding(entry, result, identity));
  }
  return options.suppressions && options.suppressions.length > 0
    ? applySuppressions(findings, facts, options.suppressions, options.now, identity)
    : findings;
}

/** Marks matching fail/unknown results as suppressed; an expired entry suppresses nothing and becomes a finding. */
export function applySuppressions(
  findings: Finding[],
  facts: HostFacts,
  entries: readonly SuppressionEntry[],
  now: Date,
  identity = hostIdentity(facts),
): Finding[] {
  const hostNames = [facts.identity.name, facts.identity.address];
  const relevant = entries.filter((entry) => entryMatchesHost(entry, hostNames));
  const active = relevant.filter((entry) => expiryInstant(entry) > now.getTime());
  const out = findings.map((finding) => {
    if (finding.status === 'pass' || finding.status === 'not_applicable') return finding;
    const entry = active.find(
      (e) =>
        matchesPattern(e.rule, finding.ruleId) &&
        (e.subject === undefined || matchesPattern(e.subject, finding.subject ?? '')),
    );
    if (!entry) return finding;
    const suppressed: NonNullable<Finding['suppressed']> = { reason: entry.reason, expires: entry.expires };
    if (entry.owner !== undefined) suppressed.owner = entry.owner;
    if (entry.ticket !== undefined) suppressed.ticket = entry.ticket;
    return { ...finding, suppressed };
  });
  for (const entry of relevant.filter((e) => expiryInstant(e) <= now.getTime()))
    out.push(expiredFinding(entry, identity));
  return out;
}

function expiredFinding(entry: SuppressionEntry, identity: string): Finding {
  const subject = `${entry.rule} @ ${[entry.hosts].flat().join(',')}${entry.subject ? ` (${entry.subject})` : ''}`;
  const who = [entry.owner && `owner ${entry.owner}`, entry.ticket && `ticket ${entry.ticket}`]
    .filter(Boolean)
    .join(', ');
  return {
    id: findingId(EXPIRED_SUPPRESSION_RULE.id, identity, subject),
    ruleId: EXPIRED_SUPPRESSION_RULE.id,
    severity: EXPIRED_SUPPRESSION_RULE.severity,
    status: 'fail',
    subject,
    message: `The suppression of ${entry.rule} expired on ${entry.expires}${who ? ` (${who})` : ''}; reason given: ${entry.reason}.`,
    evidence: { path: 'suppressions', observed: entry.expires, expected: 'an expiry date in the future' },
  };
}
