import { z } from 'zod';
import { Severity } from '../model/index.js';

const FindingRef = z
  .object({
    id: z.string(),
    host: z.string(),
    ruleId: z.string(),
    title: z.string(),
    severity: Severity,
    subject: z.string().optional(),
    message: z.string(),
  })
  .strict();

const Change = z
  .object({
    /** Fact path within the host, e.g. "exposure.firewall.rulesets[sshServer].allowedAllIp". */
    path: z.string(),
    kind: z.enum(['build', 'driver', 'agent', 'service', 'exposure', 'setting']),
    before: z.unknown(),
    after: z.unknown(),
    summary: z.string(),
  })
  .strict();

export const DIFF_SCHEMA_VERSION = 1;

export const ReportDiff = z
  .object({
    schemaVersion: z.literal(DIFF_SCHEMA_VERSION),
    old: z.object({ startedAt: z.string(), complete: z.boolean() }).strict(),
    new: z.object({ startedAt: z.string(), complete: z.boolean() }).strict(),
    findings: z
      .object({
        new: z.array(FindingRef),
        resolved: z.array(FindingRef),
        stillOpen: z.array(FindingRef),
        severityChanged: z.array(FindingRef.extend({ previousSeverity: Severity })),
        suppressionsExpired: z.array(FindingRef),
      })
      .strict(),
    hosts: z
      .object({
        appeared: z.array(z.string()),
        disappeared: z.array(z.string()),
        drift: z.array(z.object({ host: z.string(), changes: z.array(Change) }).strict()),
      })
      .strict(),
  })
  .strict();

export type ReportDiff = z.infer<typeof ReportDiff>;
export type FindingRef = z.infer<typeof FindingRef>;
export type FactChange = z.infer<typeof Change>;
