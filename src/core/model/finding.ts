import { z } from 'zod';

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;
/** Most severe first, the enum's own order: the one order every listing, summary and threshold uses. */
export const SEVERITY_ORDER: readonly Severity[] = Severity.options;
/** Sorts most severe first: negative when `a` is more severe than `b`. */
export const compareSeverity = (a: Severity, b: Severity): number =>
  SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);

export const ResultStatus = z.enum(['fail', 'pass', 'unknown', 'not_applicable']);
export type ResultStatus = z.infer<typeof ResultStatus>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const EvidenceValue = z.union([Scalar, z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const Evidence = z
  .object({
    /** Fact path, e.g. "esxi.advancedOptions[Security.AccountLockFailures]". */
    path: z.string(),
    observed: EvidenceValue.optional(),
    expected: EvidenceValue.optional(),
    /**
     * For unknown results: why the fact is unknown, where the message does not already say it. A message
     * "Cannot judge: <reason>" carries the reason itself (older version 2 reports repeat it here).
     */
    reason: z.string().optional(),
    /** Data is from an entry marked unverified in the reference tables. */
    unverified: z.boolean().optional(),
    /** What the reference could not confirm about that entry (the note behind `unverified`). */
    provenance: z.string().optional(),
  })
  .strict();

export const Remediation = z
  .object({
    text: z.string().min(1),
    esxcli: z.string().optional(),
    powercli: z.string().optional(),
    powershell: z.string().optional(),
  })
  .strict();

export const Suppression = z
  .object({ reason: z.string(), owner: z.string().optional(), ticket: z.string().optional(), expires: z.string() })
  .strict();

/** Baseline ids and links by kind (scg, stig, cve, urls…). */
export const References = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type References = z.infer<typeof References>;

/** What a rule always says, written once per report and looked up by each finding's `ruleId`. */
export const RuleCatalogueEntry = z
  .object({
    title: z.string(),
    /** The rule's own severity; a finding may carry a higher one (see Finding.severity). */
    severity: Severity,
    category: z.string(),
    rationale: z.string(),
    risk: z.string(),
    remediation: Remediation,
    references: References.optional(),
    /** "built-in", the custom rule's file, or "report v1" for a catalogue rebuilt from an older report. */
    source: z.string(),
  })
  .strict();
export const RuleCatalogue = z.record(z.string(), RuleCatalogueEntry);
export type RuleCatalogueEntry = z.infer<typeof RuleCatalogueEntry>;
export type RuleCatalogue = z.infer<typeof RuleCatalogue>;

/**
 * One rule result on one host: only what varies between results. What a rule always says (title, rationale,
 * remediation, references) is in the report's rule catalogue, once, under `ruleId`.
 */
export const Finding = z
  .object({
    /** Deterministic: hash(rule id, host identity, subject), stable across runs. */
    id: z.string(),
    ruleId: z.string(),
    /** The rule's severity, or the result's own where a rule raises it (a known-exploited advisory). */
    severity: Severity,
    status: ResultStatus,
    /** What the result is about within the host (a VIB, a switch, a VM); absent for host-wide results. */
    subject: z.string().optional(),
    message: z.string(),
    evidence: Evidence,
    suppressed: Suppression.optional(),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;

/** How an unknown result's message starts when all it says is its reason. */
export const CANNOT_JUDGE = 'Cannot judge: ';

/** Why a result is unknown: evidence.reason where the rule gave one beside its own message, else the message's. */
export function unknownReason(finding: Pick<Finding, 'status' | 'message' | 'evidence'>): string | undefined {
  if (finding.evidence.reason !== undefined || finding.status !== 'unknown') return finding.evidence.reason;
  return finding.message.startsWith(CANNOT_JUDGE) ? finding.message.slice(CANNOT_JUDGE.length) : finding.message;
}
