import { z } from 'zod';
import { Finding, HostFacts, RuleCatalogue, Severity, type RuleCatalogueEntry } from '../model/index.js';
import { RULE_PROFILE_NAMES } from '../config/schema.js';

export const REPORT_SCHEMA_VERSION = 2;
/** Where the published schema lives in the package; the report's `$schema` points at it. */
export const REPORT_SCHEMA_REF = 'hvscan/schemas/report.schema.json';

export const StepErrorSchema = z
  .object({
    /** connect | tls | auth | collect | parse | timeout | aborted | config | rules, or "<step>:<section>". */
    step: z.string(),
    message: z.string(),
  })
  .strict();

export const ReportHost = z
  .object({
    name: z.string(),
    /** The config target this host was reached through (a vCenter target yields several hosts). */
    target: z.string(),
    platform: z.enum(['esxi', 'vcenter', 'hyperv']),
    status: z.enum(['ok', 'partial', 'failed']),
    /** TLS verification was switched off for this target in the config (tls.insecure: true). */
    insecure: z.boolean(),
    /** How the server was authenticated during collection; null when nothing was collected. */
    serverTrust: z.string().nullable(),
    durationMs: z.number().nonnegative(),
    attempts: z.number().int().nonnegative(),
    /** null when collection failed: nothing is known about the host. */
    facts: HostFacts.nullable(),
    findings: z.array(Finding),
    errors: z.array(StepErrorSchema),
  })
  .strict();

export const FindingsBySeverity = z
  .object(
    Object.fromEntries(Severity.options.map((s) => [s, z.number().int().nonnegative()])) as Record<
      Severity,
      z.ZodNumber
    >,
  )
  .strict();

export const ScanReport = z
  .object({
    $schema: z.string(),
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('hvscan'), version: z.string() }).strict(),
    startedAt: z.string(),
    finishedAt: z.string(),
    /** False when the scan was interrupted (SIGINT/SIGTERM) before every target was collected. */
    complete: z.boolean(),
    /** Present when the run scanned one share of the config's targets (`hvscan scan --shard index/count`). */
    shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).strict().optional(),
    config: z
      .object({
        /** sha256 of the canonical (key-sorted) validated config; the config holds no secrets. */
        digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
        profile: z.enum(RULE_PROFILE_NAMES),
      })
      .strict(),
    summary: z
      .object({
        hosts: z.number().int().nonnegative(),
        failedHosts: z.number().int().nonnegative(),
        partialHosts: z.number().int().nonnegative(),
        /** Failed results only, suppressed ones excluded. */
        findingsBySeverity: FindingsBySeverity,
        suppressedFindings: z.number().int().nonnegative(),
      })
      .strict(),
    /** Every rule the scan ran, by id. */
    rules: RuleCatalogue,
    hosts: z.array(ReportHost),
  })
  .strict();

export type ScanReport = z.infer<typeof ScanReport>;

/** A finding's rule as the report's catalogue describes it; a rule missing there is named as such, not invented. */
export function ruleInReport(report: Pick<ScanReport, 'rules'>, ruleId: string): RuleCatalogueEntry {
  return (
    report.rules[ruleId] ?? {
      title: `${ruleId} (not in this report's rule catalogue)`,
      severity: 'info',
      category: 'unknown',
      rationale: '',
      risk: '',
      remediation: { text: `See the rule ${ruleId} in the hvscan version that wrote the report.` },
      source: 'unknown',
    }
  );
}
export type ReportHost = z.infer<typeof ReportHost>;
