import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from '../../core/paths.js';

/** The data-file format this code reads; a file with another version is refused, never half-understood. */
export const ADVISORY_SCHEMA_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected YYYY-MM-DD' });
const lineKey = z.string().regex(/^\d+\.\d+(\.\d+)?$/, { error: 'expected a release line such as "8.0" or "8.0.3"' });
const cveId = z.string().regex(/^CVE-\d{4}-\d{4,}$/, { error: 'expected CVE-YYYY-NNNN' });
const build = z.number().int().positive();
/** Says why the row could not be confirmed (docs/advisories.md); present = the finding carries `unverified: true`. */
const unverified = z.string().min(1).optional();
/** Where a row's values were read: a VMSA/MSRC URL, a CVE record, a Broadcom/Microsoft KB, or a public mirror of them. */
const source = z.string().min(1);
/**
 * CISA Known Exploited Vulnerabilities: the date the first of the entry's CVEs was added, false when the CVE records'
 * CISA ADP container lists none of them, null when that could not be checked (then `kevSource` says why).
 */
const kev = isoDate.or(z.literal(false)).nullable();

const EsxiFixedBuild = z
  .object({
    line: lineKey,
    /** First fixed build on this line; null when the reference does not know it. */
    build: build.nullable(),
    /** A later build known to include the fix (patches are cumulative): hosts at or above it are fixed. */
    laterFixedBuild: build.optional(),
    release: z.string().min(1),
    source,
    unverified,
    note: z.string().optional(),
  })
  .strict();

/** A CVE in KEV is exploited in the wild: data saying otherwise contradicts its own source. */
function kevImpliesExploited(
  adv: { kev: string | false | null; knownExploited: boolean | null },
  ctx: z.RefinementCtx,
): void {
  if (typeof adv.kev === 'string' && adv.knownExploited !== true)
    ctx.addIssue({
      code: 'custom',
      message: `listed in CISA KEV (${adv.kev}) but knownExploited is not true`,
      path: ['knownExploited'],
    });
}

const EsxiAdvisory = z
  .object({
    id: z.string().regex(/^VMSA-\d{4}-\d{4}$/),
    cves: z.array(cveId).min(1),
    cvss: z.number().min(0).max(10).nullable(),
    summary: z.string().min(1),
    /** Exploited in the wild (CISA KEV or vendor statement); null = not known. */
    knownExploited: z.boolean().nullable(),
    kev,
    kevSource: source,
    unverified,
    /** Lines (prefixes) the advisory affects; a host on an affected line without a fixed entry has no fix on its line. */
    affectedLines: z.array(lineKey).min(1),
    fixed: z.array(EsxiFixedBuild),
    mitigation: z.string().optional(),
    /** The advisory page (VMSA URL, when known) first, then the other places its rows were read. */
    source,
  })
  .strict()
  .superRefine((adv, ctx) => {
    kevImpliesExploited(adv, ctx);
    const lines = adv.fixed.map((f) => f.line);
    if (new Set(lines).size !== lines.length)
      ctx.addIssue({ code: 'custom', message: 'a line has two fixed entries', path: ['fixed'] });
    adv.fixed.forEach((f, i) => {
      if (!adv.affectedLines.some((l) => lineMatches(l, f.line)))
        ctx.addIssue({
          code: 'custom',
          message: `fixed line ${f.line} is not among affectedLines`,
          path: ['fixed', i, 'line'],
        });
    });
  });

const EsxiRelease = z
  .object({ line: lineKey, generalSupportEnds: isoDate, technicalGuidanceEnds: isoDate, source, unverified })
  .strict();

export const EsxiAdvisoryFile = z
  .object({
    schemaVersion: z.literal(ADVISORY_SCHEMA_VERSION),
    about: z.string(),
    releases: z.array(EsxiRelease),
    advisories: z.array(EsxiAdvisory),
  })
  .strict();

const WindowsFixedBuild = z
  .object({
    /** Windows build family: 9600, 14393, 17763, 20348, 25398, 26100. */
    build: z.number().int().positive(),
    ubr: z.number().int().nonnegative(),
    /** Alternative fixed UBRs listed by the CVE record (hotpatch line). */
    alsoFixedUbr: z.array(z.number().int().nonnegative()).optional(),
    kb: z
      .string()
      .regex(/^KB\d+$/)
      .nullable(),
    source,
    unverified,
    note: z.string().optional(),
  })
  .strict();

const WindowsAdvisory = z
  .object({
    cve: cveId,
    published: isoDate,
    summary: z.string().min(1),
    cvss: z.number().min(0).max(10).nullable(),
    knownExploited: z.boolean().nullable(),
    exploitNote: z.string().optional(),
    kev,
    kevSource: source,
    unverified,
    fixed: z.array(WindowsFixedBuild).min(1),
    /** The CVE record (Microsoft CNA) and the MSRC page. */
    source,
  })
  .strict()
  .superRefine(kevImpliesExploited);

const WindowsFamily = z
  .object({
    build: z.number().int().positive(),
    product: z.string().min(1),
    mainstreamEnds: isoDate,
    extendedEnds: isoDate,
    esuEnds: isoDate.optional(),
    source,
    unverified,
    note: z.string().optional(),
  })
  .strict();

export const WindowsAdvisoryFile = z
  .object({
    schemaVersion: z.literal(ADVISORY_SCHEMA_VERSION),
    about: z.string(),
    families: z.array(WindowsFamily),
    advisories: z.array(WindowsAdvisory),
  })
  .strict();

export type EsxiAdvisoryData = z.infer<typeof EsxiAdvisoryFile>;
export type EsxiAdvisory = z.infer<typeof EsxiAdvisory>;
export type EsxiFixedBuild = z.infer<typeof EsxiFixedBuild>;
export type EsxiReleaseLine = z.infer<typeof EsxiRelease>;
export type WindowsAdvisoryData = z.infer<typeof WindowsAdvisoryFile>;
export type WindowsAdvisory = z.infer<typeof WindowsAdvisory>;
export type WindowsFamily = z.infer<typeof WindowsFamily>;

export class AdvisoryDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid advisory data:\n  ${problems.join('\n  ')}`);
    this.name = 'AdvisoryDataError';
  }
}

/** Reads and validates one advisory file: schemaVersion first (a clear refusal), then the zod schema. */
export function parseAdvisoryFile<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AdvisoryDataError(file, [`not JSON: ${(err as Error).message}`]);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== ADVISORY_SCHEMA_VERSION) {
    throw new AdvisoryDataError(file, [
      `schemaVersion ${JSON.stringify(version)} is not supported (this hvscan reads ${ADVISORY_SCHEMA_VERSION})`,
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AdvisoryDataError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  return parsed.data;
}

export function loadEsxiAdvisories(file = projectFile('data/advisories/esxi.json')): EsxiAdvisoryData {
  return parseAdvisoryFile(file, readFileSync(file, 'utf8'), EsxiAdvisoryFile);
}

export function loadWindowsAdvisories(file = projectFile('data/advisories/windows-hyperv.json')): WindowsAdvisoryData {
  return parseAdvisoryFile(file, readFileSync(file, 'utf8'), WindowsAdvisoryFile);
}

/** "8.0" matches versions 8.0, 8.0.3, 8.0.3.0; "8.0.3" matches 8.0.3 but not 8.0.2. */
export function lineMatches(line: string, version: string): boolean {
  const want = line.split('.');
  const have = version.split('.');
  return want.every((part, i) => Number(part) === Number(have[i] ?? 0));
}

/** The most specific of `lines` that the version belongs to. */
export function bestLine<T extends { line: string }>(entries: readonly T[], version: string): T | undefined {
  return entries
    .filter((e) => lineMatches(e.line, version))
    .sort((a, b) => b.line.split('.').length - a.line.split('.').length)[0];
}

/**
 * Memoises a per-version lookup into the advisory tables: hosts share a handful of versions, so line matching runs
 * once per version instead of once per host. Bounded so that odd version strings cannot grow it without end.
 */
export function perVersion<T>(lookup: (version: string) => T, limit = 256): (version: string) => T {
  const cache = new Map<string, T>();
  return (version) => {
    if (cache.has(version)) return cache.get(version) as T;
    if (cache.size >= limit) cache.clear();
    const value = lookup(version);
    cache.set(version, value);
    return value;
  };
}

export type EsxiVerdict =
  | { kind: 'not-affected' }
  | { kind: 'fixed'; entry: EsxiFixedBuild }
  | { kind: 'vulnerable'; entry: EsxiFixedBuild }
  | { kind: 'no-fix-on-line' }
  | { kind: 'undetermined'; entry: EsxiFixedBuild };

/** What one advisory says about one ESXi version: whether its line is affected, and the line's fixed-build entry. */
export interface EsxiLineView {
  affected: boolean;
  entry: EsxiFixedBuild | undefined;
}

export function esxiLineView(adv: EsxiAdvisory, version: string): EsxiLineView {
  const affected = adv.affectedLines.some((l) => lineMatches(l, version));
  return { affected, entry: affected ? bestLine(adv.fixed, version) : undefined };
}

/** Judges one host build against one advisory, comparing builds only within the host's release line. */
export function judgeEsxiBuild(adv: EsxiAdvisory, version: string, hostBuild: number): EsxiVerdict {
  return judgeEsxiLine(esxiLineView(adv, version), hostBuild);
}

/** The same verdict from a line view computed beforehand (one per version, not one per host). */
export function judgeEsxiLine({ affected, entry }: EsxiLineView, hostBuild: number): EsxiVerdict {
  if (!affected) return { kind: 'not-affected' };
  if (!entry) return { kind: 'no-fix-on-line' };
  if (entry.build !== null) return hostBuild >= entry.build ? { kind: 'fixed', entry } : { kind: 'vulnerable', entry };
  if (entry.laterFixedBuild !== undefined && hostBuild >= entry.laterFixedBuild) return { kind: 'fixed', entry };
  return { kind: 'undetermined', entry };
}

export type WindowsVerdict =
  | { kind: 'not-affected' }
  | { kind: 'fixed'; entry: z.infer<typeof WindowsFixedBuild> }
  | { kind: 'vulnerable'; entry: z.infer<typeof WindowsFixedBuild> };

/** Judges build.UBR against one CVE: only the host's build family is compared; listed alternatives count as fixed. */
export function judgeWindowsBuild(adv: WindowsAdvisory, hostBuild: number, ubr: number): WindowsVerdict {
  const entry = adv.fixed.find((f) => f.build === hostBuild);
  if (!entry) return { kind: 'not-affected' };
  const firstFixed = Math.min(entry.ubr, ...(entry.alsoFixedUbr ?? []));
  return ubr >= firstFixed ? { kind: 'fixed', entry } : { kind: 'vulnerable', entry };
}

const DAY_MS = 86_400_000;

/** The `warnDays` parameter of the end-of-support rules; `end` names the date it counts back from. */
export function warnDaysParams(end: string) {
  return z
    .object({
      warnDays: z
        .number()
        .int()
        .min(0)
        .default(180)
        .describe(`Days before the end of ${end} at which the release is flagged.`),
    })
    .strict();
}

/** Whole days left before `end` when `now` is within `warnDays` of it; undefined before that window and after `end`. */
export function daysLeftInWarning(now: number, end: number, warnDays: number): number | undefined {
  return now < end && now >= end - warnDays * DAY_MS ? Math.ceil((end - now) / DAY_MS) : undefined;
}

/**
 * Marks a result that rests on reference data flagged unverified: the note goes into the evidence (`provenance`), the
 * message gets a short "[unverified]" badge, so reports show the doubt without a paragraph in every line.
 */
export function markUnverified<R extends { evidence: object; message: string }>(out: R, unverified: unknown): R {
  if (!unverified) return out;
  return {
    ...out,
    message: `${out.message} [unverified]`,
    evidence: { ...out.evidence, unverified: true, provenance: String(unverified) },
  };
}
