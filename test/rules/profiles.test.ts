// Per-profile parameters of the built-in rules live in data/profiles/<profile>.json, checked against each rule's
// params schema when the registry loads; a custom rule's inline profileDefaults still apply.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleModules } from '../../rules/index.js';
import { defineRule, result } from '../../src/rules/kit/define.js';
import { resolveParams } from '../../src/rules/params.js';
import { profileDataProblems, readProfileFile, type ProfileValues } from '../../src/rules/profiles.js';
import { listRules } from '../../src/rules/registry.js';

const lockout = ruleModules['esxi-account-lockout-failures']!;
const maxAge = ruleModules['esxi-password-max-age']!;

function data(stig: Record<string, Record<string, unknown>>): ProfileValues {
  return { scg: new Map(), stig: new Map(Object.entries(stig)), lab: new Map() };
}

describe('profile data (data/profiles/*.json)', () => {
  it('fits the built-in rules: every id a rule, every value accepted by its params', () => {
    expect(profileDataProblems(listRules())).toEqual([]);
  });

  it('gives each profile its values over the schema defaults', () => {
    expect(resolveParams(lockout, 'scg')).toEqual({ maxFailures: 5, exact: false });
    expect(resolveParams(lockout, 'stig')).toEqual({ maxFailures: 3, exact: true });
    expect(resolveParams(lockout, 'lab')).toEqual({ maxFailures: 10, exact: false });
    // An entry's "$comment" is a note, not a parameter: the strict schema still accepts the entry.
    expect(resolveParams(maxAge, 'stig')).toEqual({ maxDays: 90, exact: true });
  });

  it('lets config overrides win over the profile values', () => {
    expect(resolveParams(lockout, 'stig', { maxFailures: 4 })).toEqual({ maxFailures: 4, exact: true });
  });

  it('names the file and the rule id of an entry no built-in rule has', () => {
    expect(profileDataProblems(listRules(), data({ 'esxi-no-such-rule': { x: 1 } }))).toEqual([
      'data/profiles/stig.json: rules.esxi-no-such-rule: no built-in rule has this id',
    ]);
  });

  it("names the file, rule id and field of a value the rule's params reject", () => {
    const problems = profileDataProblems(
      listRules(),
      data({ 'esxi-account-lockout-failures': { maxFailures: 'three' } }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data\/profiles\/stig\.json: rules\.esxi-account-lockout-failures\.maxFailures: /);
  });

  it('names the file when it is not JSON or lacks its source note', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-profiles-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "rules": ');
    expect(() => readProfileFile(broken, 'data/profiles/lab.json')).toThrow(/^data\/profiles\/lab\.json: /);
    const unsourced = join(dir, 'unsourced.json');
    writeFileSync(unsourced, JSON.stringify({ rules: {} }));
    expect(() => readProfileFile(unsourced, 'data/profiles/lab.json')).toThrow(
      /^data\/profiles\/lab\.json: \$comment: /,
    );
  });

  it("uses a custom rule's inline profileDefaults (the data files name only built-in rules)", () => {
    const custom = defineRule({
      ...lockout,
      id: 'esxi-site-lockout',
      platforms: ['esxi'],
      params: z.object({ maxFailures: z.number().default(5) }).strict(),
      profileDefaults: { stig: { maxFailures: 2 } },
      evaluate: () => result.notApplicable('test', 'test'),
    });
    expect(resolveParams(custom, 'stig')).toEqual({ maxFailures: 2 });
    expect(resolveParams(custom, 'lab')).toEqual({ maxFailures: 5 });
  });
});
