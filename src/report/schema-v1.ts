import { z } from 'zod';
import { Evidence, Finding, References, Remediation, type RuleCatalogue } from '../core/model/index.js';
import { sortedById } from '../rules/catalogue.js';
import { factsFromOlderReport } from './older-facts.js';
import { ReportHost, ScanReport } from '../core/report/schema.js';

/**
 * Reports of schemaVersion 1 (before the rule catalogue) stay readable by evaluate, diff, merge and audit: each
 * finding carried its rule's title, remediation and references itself, and its evidence how the host was collected.
 */
const EvidenceV1 = Evidence.extend({ collectedBy: z.string().optional() }).strict();
const FindingV1 = Finding.extend({
  title: z.string(),
  evidence: EvidenceV1,
  remediation: Remediation,
  references: References.optional(),
}).strict();
/** Facts as the older model had them: checked against today's model when the report is read (factsFromOlderReport). */
export const ReportHostV1 = ReportHost.extend({
  facts: z.record(z.string(), z.unknown()).nullable(),
  findings: z.array(FindingV1),
}).strict();
export const ScanReportV1 = ScanReport.omit({ rules: true })
  .extend({ schemaVersion: z.literal(1), hosts: z.array(ReportHostV1) })
  .strict();
export type ScanReportV1 = z.infer<typeof ScanReportV1>;

/** What a v1 report does not record about a rule (category, rationale, risk) comes from this hvscan's catalogue. */
export function upgradeV1(report: ScanReportV1, catalogue: RuleCatalogue): ScanReport {
  const rules: RuleCatalogue = {};
  const hosts = report.hosts.map((host) => upgradeV1Host(host, catalogue, rules));
  return { ...report, schemaVersion: 2, rules: sortedById(rules), hosts };
}

/** One v1 host entry as today's, its findings' rules added to `rules` (a report read host by host fills it so). */
export function upgradeV1Host(
  { facts, findings, ...host }: z.infer<typeof ReportHostV1>,
  catalogue: RuleCatalogue,
  rules: RuleCatalogue,
): ReportHost {
  const currentFacts = facts === null ? null : factsFromOlderReport(facts);
  const unreadable =
    facts !== null && currentFacts === null
      ? [{ step: 'parse', message: "the facts this older report holds do not fit today's host model" }]
      : [];
  const lean = findings.map(
    ({ title, remediation, references, evidence: { collectedBy: _, ...evidence }, ...finding }) => {
      const known = catalogue[finding.ruleId];
      rules[finding.ruleId] ??= {
        title,
        severity: known?.severity ?? finding.severity,
        category: known?.category ?? 'not recorded',
        rationale: known?.rationale ?? 'not recorded in the schemaVersion 1 report this was read from',
        risk: known?.risk ?? 'not recorded in the schemaVersion 1 report this was read from',
        remediation,
        ...(references ? { references } : {}),
        source: 'report v1',
      };
      return { ...finding, evidence };
    },
  );
  return { ...host, facts: currentFacts, findings: lean, errors: [...host.errors, ...unreadable] };
}
