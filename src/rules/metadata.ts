// A rule's metadata checked when the rule loads, built-in or custom (as Prowler checks CheckMetadata on load).
import { z } from 'zod';
import { Platform, Severity } from '../core/model/index.js';
import { RULE_PROFILES, type Rule } from './kit/define.js';

const nonEmpty = z.string().trim().min(1);
const list = (item: z.ZodType<string>) => z.array(item).min(1).optional();

/** A zod schema, by shape rather than `instanceof`, so a custom rule's own copy of zod 4 is accepted too. */
function isZodSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as z.ZodType).safeParse === 'function'
  );
}

/** Every field a rule module's default export may have, and what each must hold. */
export const RuleMetadata = z
  .object({
    id: z
      .string()
      .regex(/^(esxi|hyperv|host)(-[a-z0-9]+){2,}$/, {
        error: 'expected kebab-case platform-subject-condition starting with esxi-, hyperv- or host-',
      }),
    title: nonEmpty.max(150).refine((t) => !/^ensure\b/i.test(t), { error: 'must not start with "Ensure"' }),
    severity: Severity,
    platforms: z
      .array(Platform)
      .min(1)
      .refine((p) => new Set(p).size === p.length, { error: 'duplicate platform' }),
    category: z.string().regex(/^[a-z]+(-[a-z]+)*$/, { error: 'expected a kebab-case word list, e.g. "logging"' }),
    rationale: nonEmpty,
    risk: nonEmpty,
    remediation: z
      .object({
        text: nonEmpty,
        esxcli: nonEmpty.optional(),
        powercli: nonEmpty.optional(),
        powershell: nonEmpty.optional(),
      })
      .strict(),
    references: z
      .object({
        scg: list(
          z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected an SCG id like "esxi-8.ssh-gateway-ports"' }),
        ),
        stig: list(
          z
            .string()
            .regex(/^(ESXI-[6-9]0-\d{6}|WN(16|19|22|25)-[A-Z0-9]{2,5}-\d{6}|V-\d{5,6})$/, {
              error: 'expected a STIG id like ESXI-80-000085, WN22-00-000470 or V-258728',
            }),
        ),
        bpa: list(nonEmpty),
        cis: list(nonEmpty),
        cve: list(z.string().regex(/^CVE-\d{4}-\d{4,}$/, { error: 'expected CVE-YYYY-NNNN' })),
        urls: list(z.url({ protocol: /^https$/, error: 'expected an https:// URL' })),
      })
      .strict(),
    params: z.custom<z.ZodType>(isZodSchema, { error: 'expected a zod schema' }),
    profileDefaults: z.partialRecord(z.enum(RULE_PROFILES), z.record(z.string(), z.unknown())).optional(),
    evaluate: z.custom<Rule['evaluate']>((v) => typeof v === 'function', {
      error: 'expected a function evaluate(facts, params, ctx)',
    }),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const prefix = rule.id.split('-')[0];
    if (prefix !== 'host' && (rule.platforms.length !== 1 || rule.platforms[0] !== prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['platforms'],
        message: `an id starting with ${prefix}- means platforms ["${prefix}"]`,
      });
    }
    for (const profile of RULE_PROFILES) {
      const parsed = rule.params.safeParse({ ...(rule.profileDefaults?.[profile] ?? {}) });
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
        ctx.addIssue({
          code: 'custom',
          path: ['params'],
          message: `the ${profile} profile's values do not parse (${detail})`,
        });
      }
    }
  });

/**
 * Problems of one rule module's default export, one line each ("severity: …"); empty when it is a valid rule.
 * `fileName` is the module's name without extension, which the id must equal.
 */
export function ruleProblems(candidate: unknown, fileName: string): string[] {
  if (typeof candidate !== 'object' || candidate === null) {
    return [
      `the default export is ${candidate === undefined ? 'missing' : typeof candidate}; expected the rule object`,
    ];
  }
  const parsed = RuleMetadata.safeParse(candidate);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) =>
        issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      );
  const { id } = candidate as { id?: unknown };
  if (typeof id === 'string' && id !== fileName)
    problems.unshift(`id: "${id}" differs from the file name "${fileName}"`);
  return problems;
}
