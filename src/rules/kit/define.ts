import { z } from 'zod';
import type { HostFactsOf, Platform, ResultStatus, Severity } from '../../core/model/index.js';
import { CANNOT_JUDGE, isUnknown, type UnknownFact } from '../../core/model/index.js';
import { RULE_PROFILE_NAMES } from '../../core/config/schema.js';

/** The rule profiles, listed once in the config schema (which a config and a report are checked against). */
export type RuleProfile = (typeof RULE_PROFILE_NAMES)[number];
export const RULE_PROFILES: readonly RuleProfile[] = RULE_PROFILE_NAMES;

export interface RuleRemediation {
  text: string;
  esxcli?: string;
  powercli?: string;
  powershell?: string;
}

export interface RuleReferences {
  scg?: string[];
  stig?: string[];
  bpa?: string[];
  cis?: string[];
  cve?: string[];
  urls?: string[];
}

/** One result of a rule on one host (or one subject within it). The engine adds ids, title, severity, suppression. */
export interface RuleResult {
  status: ResultStatus;
  /** What within the host: a VIB name, a vSwitch, a VM. Part of the deterministic finding id. */
  subject?: string;
  message: string;
  evidence: {
    path: string;
    observed?: unknown;
    expected?: unknown;
    reason?: string;
    unverified?: boolean;
    /** What the reference could not confirm (markUnverified sets it with unverified). */
    provenance?: string;
  };
  /** Overrides the rule's severity for this result (e.g. a known-exploited advisory). */
  severity?: Severity;
}

/** What evaluate() gets besides the facts: the clock (rules never read Date.now) and helpers to build results. */
export interface RuleContext {
  now: Date;
  profile: RuleProfile;
}

/**
 * A rule with parameter schema `P` for the platforms `K`. `evaluate` receives the facts of those platforms only: the
 * engine runs a rule on a host only when the host's platform is listed, so rules never re-check the platform.
 */
export interface RuleDefinition<P extends z.ZodType = z.ZodType, K extends Platform = Platform> {
  /** platform-subject-condition, equal to the file name: "esxi-ssh-service-running". */
  id: string;
  title: string;
  severity: Severity;
  platforms: readonly K[];
  category: string;
  rationale: string;
  /** What an attacker gains or what breaks when the rule fails. */
  risk: string;
  remediation: RuleRemediation;
  references: RuleReferences;
  /**
   * zod schema of the rule's parameters. Built-in rules keep per-profile values in data/profiles/<profile>.json;
   * `profileDefaults` is for custom rules (the data files name only built-in rules).
   */
  params: P;
  profileDefaults?: Partial<Record<RuleProfile, Partial<z.infer<P>>>>;
  /**
   * Pure: no I/O, no clock but ctx.now. Returns one result per examined item, passes included, and at least one
   * result (the engine turns an empty answer or a throw into an unknown "rule error" result). Facts that are unknown
   * give `unknown` with their reason; a setting the platform/version does not have gives `not_applicable`.
   */
  evaluate(facts: HostFactsOf<K>, params: z.infer<P>, ctx: RuleContext): RuleResult | RuleResult[];
}

/** Any rule, as the registry and engine hold it: `evaluate` takes the platform union (HostFacts). */
export type Rule = RuleDefinition<z.ZodType, Platform>;

/**
 * Declares a rule; the platform is inferred from `platforms`, so `platforms: ['esxi']` gives `evaluate` an
 * EsxiHostFacts and `platforms: ['esxi', 'hyperv']` the union.
 */
export function defineRule<P extends z.ZodType, const K extends Platform>(
  rule: RuleDefinition<P, K>,
): RuleDefinition<P, K> {
  return rule;
}

export const noParams = z.object({}).strict();

/** For a control some profiles do not require: `required: false` (data/profiles) makes the rule not_applicable. */
export const requiredControlParams = z
  .object({
    required: z
      .boolean()
      .default(true)
      .describe('Whether the profile requires this control; false makes the rule not_applicable.'),
  })
  .strict();

/** Result helpers so rule bodies stay short. */
export const result = {
  pass(path: string, message: string, observed?: unknown, expected?: unknown, subject?: string): RuleResult {
    return { status: 'pass', message, subject, evidence: { path, observed, expected } };
  },
  fail(path: string, message: string, observed?: unknown, expected?: unknown, subject?: string): RuleResult {
    return { status: 'fail', message, subject, evidence: { path, observed, expected } };
  },
  unknown(path: string, fact: UnknownFact | string, subject?: string): RuleResult {
    const reason = typeof fact === 'string' ? fact : fact.reason;
    return { status: 'unknown', message: `${CANNOT_JUDGE}${reason}`, subject, evidence: { path, reason } };
  },
  notApplicable(path: string, message: string, subject?: string): RuleResult {
    return { status: 'not_applicable', message, subject, evidence: { path } };
  },
};

export { isUnknown };
