import { z } from 'zod';
import { formatPath } from '../core/config/issues.js';
import { readBoundedFileSync, type FileProblem } from '../core/config/bounded-file.js';
import { jsonSyntaxProblem } from '../core/config/json-syntax.js';
import { isRegexPattern, matchesPattern } from '../core/text/pattern.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Parses, and a bare date names a real day (Date.parse rolls 2026-02-30 over to March). */
function isRealDate(value: string): boolean {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return false;
  return !/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(at).toISOString().startsWith(value);
}

const Pattern = z.string().min(1, { error: 'must not be empty' });

export const SuppressionEntry = z
  .object({
    /** Rule id, or a glob over rule ids ("esxi-*"). */
    rule: Pattern,
    /** Host name or address: glob ("esx-lab-*") or /regex/; a list matches when any item does. */
    hosts: z.union([Pattern, z.array(Pattern).min(1)]),
    /** Optional subject (VIB, VM, switch) glob; omitted = every subject of the rule on those hosts. */
    subject: Pattern.optional(),
    reason: z.string({ error: 'required: why the result is accepted' }).min(1, { error: 'must not be empty' }),
    owner: z.string().optional(),
    ticket: z.string().optional(),
    /** Date (YYYY-MM-DD, valid through that day, UTC) or ISO date-time after which the entry no longer applies. */
    expires: z
      .string({ error: 'required: a date (YYYY-MM-DD) after which the suppression lapses' })
      .regex(ISO_DATE, { error: 'must be a date YYYY-MM-DD or an ISO date-time' })
      // zod runs this refinement after a failed regex too: a malformed date gets only the format message.
      .refine((value) => !ISO_DATE.test(value) || isRealDate(value), { error: 'not a valid calendar date' }),
  })
  .strict();
export type SuppressionEntry = z.infer<typeof SuppressionEntry>;

/** The file as `rules.suppressionsFile` names it: a JSON array of entries, or the same array under "suppressions". */
export const SuppressionsFile = z.union([
  z.array(SuppressionEntry),
  z.object({ $schema: z.string().optional(), suppressions: z.array(SuppressionEntry) }).strict(),
]);

export class SuppressionFileError extends Error {
  /** One line per problem, each naming the entry index and field. */
  readonly problems: string[];
  constructor(
    readonly file: string,
    problems: string | string[],
  ) {
    const list = [problems].flat();
    super(
      list.length === 1
        ? `suppressions file ${file}: ${list[0]}`
        : `suppressions file ${file} has ${list.length} problems:\n${list.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'SuppressionFileError';
    this.problems = list;
  }
}

/** One entry parsed, or what is wrong with it: every schema issue and bad /regex/, each naming index and field. */
function checkEntry(entry: unknown, index: number): { entry?: SuppressionEntry; problems: string[] } {
  const parsed = SuppressionEntry.safeParse(entry);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (issue) =>
          `entry ${index}, field "${issue.path.length > 0 ? formatPath(issue.path) : '(entry)'}": ${issue.message}`,
      );
  const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  for (const field of ['rule', 'hosts', 'subject']) {
    const value = raw[field];
    const patterns: [string, unknown][] = Array.isArray(value)
      ? value.map((p, i) => [`${field}[${i}]`, p])
      : [[field, value]];
    for (const [where, pattern] of patterns) {
      const problem = typeof pattern === 'string' ? patternProblem(pattern) : undefined;
      if (problem) problems.push(`entry ${index}, field "${where}": ${problem}`);
    }
  }
  return { entry: parsed.success ? parsed.data : undefined, problems };
}

/**
 * Entries from a JSON array or `{ "suppressions": [...] }`. Malformed entries are a hard error that lists every
 * problem of the file at once, each naming index and field, so the user fixes them in one pass.
 */
export function parseSuppressions(text: string, file: string): SuppressionEntry[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new SuppressionFileError(file, `not valid JSON (${jsonSyntaxProblem(err, text)})`);
  }
  const list = Array.isArray(document) ? document : (document as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list))
    throw new SuppressionFileError(file, 'expected an array of entries or { "suppressions": [...] }');
  const checked = list.map((entry, index) => checkEntry(entry, index));
  const problems = checked.flatMap((c) => c.problems);
  if (problems.length > 0) throw new SuppressionFileError(file, problems);
  return checked.map((c) => c.entry!);
}

/** A suppressions file lists accepted results by hand: far below this. A FIFO or a device is refused, not read. */
const MAX_SUPPRESSIONS_BYTES = 16 * 1024 * 1024;

export function loadSuppressions(path: string): SuppressionEntry[] {
  let text: string;
  try {
    text = readBoundedFileSync(path, MAX_SUPPRESSIONS_BYTES);
  } catch (err) {
    const problem = err as FileProblem;
    throw new SuppressionFileError(
      path,
      problem.message.startsWith('cannot read')
        ? `cannot read (${problem.code})`
        : problem.message.slice(path.length + 1),
    );
  }
  return parseSuppressions(text, path);
}

function patternProblem(pattern: string): string | undefined {
  if (!isRegexPattern(pattern)) return undefined;
  try {
    new RegExp(pattern.slice(1, -1));
    return undefined;
  } catch (err) {
    return `invalid regular expression ${pattern}: ${(err as Error).message}`;
  }
}

/** The instant after which the entry lapses: a bare date is valid through the end of that day (UTC). */
export function expiryInstant(entry: SuppressionEntry): number {
  const at = Date.parse(entry.expires);
  return /^\d{4}-\d{2}-\d{2}$/.test(entry.expires) ? at + 24 * 3600 * 1000 : at;
}

export function entryMatchesHost(entry: SuppressionEntry, hostNames: readonly string[]): boolean {
  return [entry.hosts].flat().some((pattern) => hostNames.some((name) => matchesPattern(pattern, name)));
}
