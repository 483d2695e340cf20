import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectedRuleIndex,
  INDEX_FILE,
  renderRuleIndex,
  ruleModuleNames,
  RULES_DIR,
} from '../../scripts/gen-rule-index.js';

describe('rules/index.ts', () => {
  it('is up to date with the rule files (run `npm run gen:rules` when this fails)', () => {
    expect(readFileSync(INDEX_FILE, 'utf8')).toBe(expectedRuleIndex());
  });

  it('lists rule modules only, sorted', () => {
    const names = ruleModuleNames(['b-rule.ts', 'a-rule.ts', 'a-rule.test.ts', 'index.ts', '_shared.ts', 'notes.md']);
    expect(names).toEqual(['a-rule', 'b-rule']);
    expect(renderRuleIndex(names)).toContain("import aRule from './a-rule.js';\nimport bRule from './b-rule.js';");
  });

  it('names every rule file in the directory', () => {
    const index = readFileSync(INDEX_FILE, 'utf8');
    for (const name of ruleModuleNames(readdirSync(RULES_DIR))) expect(index).toContain(`'./${name}.js'`);
  });
});
