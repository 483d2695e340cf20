import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/kit/define.js';
import { ruleProblems } from '../../src/rules/metadata.js';
import { listRules } from '../../src/rules/registry.js';
import { ruleModuleNames, RULES_DIR } from '../../scripts/gen-rule-index.js';

const rules = listRules();

describe('rule metadata (all rules)', () => {
  it('has rules and unique ids', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  // The registry runs the same check when it loads (src/rules/metadata.ts); this names each failing rule.
  it.each(rules.map((r) => [r.id, r] as const))(
    '%s: metadata is well-formed, params parse with every profile',
    (_id, rule: Rule) => {
      expect(ruleProblems(rule, rule.id)).toEqual([]);
      expect(rule.params.safeParse({}).success).toBe(true);
    },
  );

  it('every rule file default-exports the rule named like the file, and has a test file', async () => {
    const modules = ruleModuleNames(readdirSync(RULES_DIR));
    expect(modules.sort()).toEqual(rules.map((r) => r.id).sort());
    const testFiles = new Set([
      ...readdirSync(RULES_DIR),
      ...readdirSync(join(RULES_DIR, '..', 'test', 'rules'), { recursive: true }).map((f) =>
        String(f).split(/[\\/]/).pop()!,
      ),
    ]);
    for (const name of modules) {
      const mod = (await import(pathToFileURL(join(RULES_DIR, `${name}.ts`)).href)) as { default?: Rule };
      expect(mod.default?.id, `rules/${name}.ts`).toBe(name);
      expect(
        testFiles.has(`${name}.test.ts`) || existsSync(join(RULES_DIR, `${name}.test.ts`)),
        `${name}.test.ts`,
      ).toBe(true);
    }
  });
});
