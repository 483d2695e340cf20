import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleModules } from '../../rules/index.js';
import { ruleModuleNames, RULES_DIR } from '../../scripts/gen-rule-index.js';

// Rule tests mirror the rules, as ESLint's tests/lib/rules mirror lib/rules: rules/<id>.ts is tested by exactly one
// file, test/rules/<platform>/<id>.test.ts, where <platform> is the id's prefix (docs/architecture.md).
const TEST_DIR = join(import.meta.dirname, '..');
const RULE_TESTS_DIR = import.meta.dirname;
/** Each platform folder and the platforms its rules run on (host-* rules run on both). */
const PLATFORM_FOLDERS: Record<string, string[]> = { esxi: ['esxi'], hyperv: ['hyperv'], host: ['esxi', 'hyperv'] };

const ruleIds = ruleModuleNames(readdirSync(RULES_DIR));
const folderOf = (id: string) => id.slice(0, id.indexOf('-'));
const mirroredPath = (id: string) => join(RULE_TESTS_DIR, folderOf(id), `${id}.test.ts`);
/** The rule modules a test file imports, by id. */
const importedRules = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/from '(?:\.\.\/)+rules\/([a-z0-9-]+)\.js'/g)].map((m) => m[1]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('rule tests mirror the rules', () => {
  it('finds the rules', () => {
    expect(ruleIds.length).toBeGreaterThan(100);
  });

  it('files every rule under the folder of its id prefix, which matches the platforms it runs on', () => {
    for (const id of ruleIds) {
      const platforms = PLATFORM_FOLDERS[folderOf(id)];
      expect(platforms, `${id}: no platform folder for prefix "${folderOf(id)}"`).toBeDefined();
      expect([...ruleModules[id]!.platforms].sort(), `${id}: platforms`).toEqual(platforms);
    }
  });

  it('tests every rule in its mirrored file, which imports that rule and no other', () => {
    const missing = ruleIds.filter((id) => !existsSync(mirroredPath(id)));
    expect(
      missing.map((id) => relative(TEST_DIR, mirroredPath(id))),
      'rules without their test file',
    ).toEqual([]);
    for (const id of ruleIds) {
      expect(importedRules(mirroredPath(id)), relative(TEST_DIR, mirroredPath(id))).toEqual([id]);
    }
  });

  it('runs each rule test through the rule tester (testRule, or an esxi-helpers table built on it)', () => {
    const callsTester = (id: string) => /\btest[A-Za-z]*Rule\(/.test(readFileSync(mirroredPath(id), 'utf8'));
    const untabled = ruleIds.filter((id) => existsSync(mirroredPath(id)) && !callsTester(id));
    expect(untabled, 'rule tests that never call the tester').toEqual([]);
  });

  it('keeps no test beside the rules', () => {
    expect(readdirSync(RULES_DIR, { recursive: true }).filter((name) => String(name).endsWith('.test.ts'))).toEqual([]);
  });

  it('has no orphan in the platform folders: each file there is the mirror of a rule', () => {
    const mirrors = new Set(ruleIds.map(mirroredPath));
    const orphans = Object.keys(PLATFORM_FOLDERS)
      .flatMap((folder) => filesUnder(join(RULE_TESTS_DIR, folder)))
      .filter((file) => !mirrors.has(file));
    expect(orphans.map((file) => relative(TEST_DIR, file))).toEqual([]);
  });

  it('has no second test file named after a rule elsewhere under test/', () => {
    const mirrors = new Set(ruleIds.map(mirroredPath));
    const named = new Set(ruleIds.map((id) => `${id}.test.ts`));
    const strays = filesUnder(TEST_DIR).filter((file) => named.has(basename(file)) && !mirrors.has(file));
    expect(strays.map((file) => relative(TEST_DIR, file))).toEqual([]);
  });
});
