// Per-profile parameter values of the built-in rules, as data: data/profiles/<profile>.json, rule id → values.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from '../core/paths.js';
import { RULE_PROFILES, type Rule, type RuleProfile } from './kit/define.js';

/** "$comment" at the top says where the values come from; inside an entry, why a value is what it is. */
const ProfileFile = z
  .object({ $comment: z.string().min(1), rules: z.record(z.string(), z.record(z.string(), z.unknown())) })
  .strict();

/** Per profile: rule id → parameter values ("$comment" keys dropped). */
export type ProfileValues = Record<RuleProfile, ReadonlyMap<string, Record<string, unknown>>>;

export function profileFilePath(profile: RuleProfile): string {
  return `data/profiles/${profile}.json`;
}

/** One profile file's entries; a file that cannot be read or has the wrong shape throws naming `label`. */
export function readProfileFile(file: string, label = file): Map<string, Record<string, unknown>> {
  let parsed;
  try {
    parsed = ProfileFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`${label}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!parsed.success) {
    throw new Error(`${label}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new Map(
    Object.entries(parsed.data.rules).map(([id, entry]) => {
      const { $comment: _note, ...values } = entry;
      return [id, values];
    }),
  );
}

// Read once when the module loads, as the baseline and advisory data are: evaluating rules reads no file.
const load = (profile: RuleProfile) => readProfileFile(projectFile(profileFilePath(profile)), profileFilePath(profile));
const builtInProfiles: ProfileValues = { scg: load('scg'), stig: load('stig'), lab: load('lab') };

/**
 * A rule's values for a profile: its entry in data/profiles/<profile>.json (built-in rules), else its inline
 * `profileDefaults` (custom rules, whose ids never match a built-in's), else none.
 */
export function profileValuesOf(rule: Rule, profile: RuleProfile): Record<string, unknown> {
  return builtInProfiles[profile].get(rule.id) ?? rule.profileDefaults?.[profile] ?? {};
}

/** Problems of the profile files against the built-in rules, each naming file and rule id: unknown ids, bad values. */
export function profileDataProblems(rules: readonly Rule[], data: ProfileValues = builtInProfiles): string[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const problems: string[] = [];
  for (const profile of RULE_PROFILES) {
    const file = profileFilePath(profile);
    for (const [id, values] of data[profile]) {
      const rule = byId.get(id);
      if (!rule) {
        problems.push(`${file}: rules.${id}: no built-in rule has this id`);
        continue;
      }
      const parsed = rule.params.safeParse(values);
      if (!parsed.success) {
        problems.push(
          ...parsed.error.issues.map(
            (i) => `${file}: rules.${id}${i.path.length > 0 ? `.${i.path.join('.')}` : ''}: ${i.message}`,
          ),
        );
      }
    }
  }
  return problems;
}
