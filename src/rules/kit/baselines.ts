import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { compareSeverity, type Severity } from '../../core/model/index.js';
import { projectFile } from '../../core/paths.js';

/**
 * The baselines rules cite, as data: which control ids each baseline version has (data/baselines/stig-ids.json,
 * scg-ids.json) and, per rule, what the cited control's check text expects (data/baselines/citations.json).
 */

export const StigCategory = z.enum(['CAT I', 'CAT II', 'CAT III']);
export type StigCategory = z.infer<typeof StigCategory>;

/** The one mapping from a STIG category to a rule severity (docs/baselines.md). */
export const STIG_CATEGORY_SEVERITY: Readonly<Record<StigCategory, Severity>> = {
  'CAT I': 'high',
  'CAT II': 'medium',
  'CAT III': 'low',
};

const source = {
  title: z.string().min(1),
  version: z.string().min(1),
  source: z.string().url().startsWith('https://'),
};

const StigCatalogue = z
  .object({
    $comment: z.string(),
    baselines: z.record(
      z.string(),
      z.object({ ...source, sourceNote: z.string().min(1), ids: z.record(z.string(), StigCategory) }).strict(),
    ),
  })
  .strict();

const ScgCatalogue = z
  .object({
    $comment: z.string(),
    baselines: z.record(
      z.string(),
      z.object({ ...source, release: z.string().min(1), ids: z.array(z.string()).min(1) }).strict(),
    ),
  })
  .strict();

export const Citation = z
  .object({
    /** Key of a baseline in stig-ids.json or scg-ids.json. */
    baseline: z.string().min(1),
    /** The baseline version the citation was checked against; must equal the catalogue's. */
    version: z.string().min(1),
    id: z.string().min(1),
    /** The check text's expected value, quoted short. */
    expected: z.string().min(1),
    url: z.string().url().startsWith('https://'),
    /** For a numeric setting: values the finding sentence passes and fails ("less than 900 or 0" → 900, 901 / 0, 899). */
    boundaries: z
      .object({ setting: z.string().min(1), pass: z.array(z.number()).min(1), fail: z.array(z.number()).min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;

const RuleCitations = z.union([
  z.array(Citation).min(1),
  /** A control no baseline requires: why hvscan checks it anyway. */
  z.object({ projectRecommendation: z.string().min(1) }).strict(),
]);

const CitationFile = z.object({ $comment: z.string(), rules: z.record(z.string(), RuleCitations) }).strict();

function load<S extends z.ZodType>(relative: string, schema: S): z.infer<S> {
  const file = projectFile(relative);
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const stigCatalogue = load('data/baselines/stig-ids.json', StigCatalogue);
export const scgCatalogue = load('data/baselines/scg-ids.json', ScgCatalogue);
export const citationFile = load('data/baselines/citations.json', CitationFile);

/** The category of a STIG id in the baseline that lists it, or undefined for an id no catalogue has. */
export function stigCategory(id: string): StigCategory | undefined {
  for (const baseline of Object.values(stigCatalogue.baselines)) {
    const category = baseline.ids[id];
    if (category) return category;
  }
  return undefined;
}

/** The severity of a STIG id under the one mapping; throws for an id no catalogue lists (a typo in a rule). */
export function stigSeverity(id: string): Severity {
  const category = stigCategory(id);
  if (!category) throw new Error(`STIG id ${id} is in no baseline of data/baselines/stig-ids.json`);
  return STIG_CATEGORY_SEVERITY[category];
}

/** A rule's severity when it cites STIG ids: that of its highest-category id. */
export function severityForStigIds(ids: readonly string[]): Severity | undefined {
  if (ids.length === 0) return undefined;
  return ids.map(stigSeverity).reduce((a, b) => (compareSeverity(b, a) < 0 ? b : a));
}

/** What a rule's cited controls expect, or a project recommendation, or undefined for a rule that cites none. */
export function citationsFor(ruleId: string): z.infer<typeof RuleCitations> | undefined {
  return citationFile.rules[ruleId];
}
