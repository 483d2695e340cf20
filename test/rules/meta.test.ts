import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Platform, Severity } from '../../src/model/index.js';
import { RULE_PROFILES, type Rule } from '../../src/rules/define.js';
import { listRules } from '../../src/rules/registry.js';
import { ruleModuleNames, RULES_DIR } from '../../scripts/gen-rule-index.js';

const nonEmpty = z.string().trim().min(1);
const list = (item: z.ZodString) => z.array(item).min(1).optional();

/** Rule metadata as the repository accepts it (Prowler CheckMetadata / ESLint checkRuleFiles, in zod). */
const RuleMeta = z
  .object({
    id: z.string().regex(/^(esxi|hyperv|host)(-[a-z0-9]+){2,}$/, { error: 'kebab platform-subject-condition' }),
    title: nonEmpty.max(150).refine((t) => !/^ensure\b/i.test(t), { error: 'title must not start with "Ensure"' }),
    severity: Severity,
    platforms: z.array(Platform).min(1).refine((p) => new Set(p).size === p.length, { error: 'duplicate platform' }),
    category: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
    rationale: nonEmpty,
    risk: nonEmpty,
    remediation: z
      .object({ text: nonEmpty, esxcli: nonEmpty.optional(), powercli: nonEmpty.optional(), powershell: nonEmpty.optional() })
      .strict(),
    references: z
      .object({
        scg: list(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)),
        stig: list(z.string().regex(/^(ESXI-[6-9]0-\d{6}|WN(16|19|22|25)-[A-Z0-9]{2,5}-\d{6}|V-\d{5,6})$/)),
        bpa: list(nonEmpty),
        cis: list(nonEmpty),
        cve: list(z.string().regex(/^CVE-\d{4}-\d{4,}$/)),
        urls: list(z.string().url().startsWith('https://')),
      })
      .strict(),
  })
  .passthrough();

const rules = listRules();

describe('rule metadata (all rules)', () => {
  it('has rules and unique ids', () => {
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: metadata is well-formed', (_id, rule: Rule) => {
    const parsed = RuleMeta.safeParse(rule);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    const prefix = rule.id.split('-')[0];
    if (prefix !== 'host') expect(rule.platforms).toEqual([prefix]);
    expect(typeof rule.evaluate).toBe('function');
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: params parse with every profile', (_id, rule: Rule) => {
    expect(rule.params.safeParse({}).success).toBe(true);
    for (const profile of RULE_PROFILES) {
      const parsed = rule.params.safeParse({ ...(rule.profileDefaults?.[profile] ?? {}) });
      expect(parsed.success ? '' : `${profile}: ${parsed.error.message}`).toBe('');
    }
  });

  it('every rule file default-exports the rule named like the file, and has a test file', async () => {
    const modules = ruleModuleNames(readdirSync(RULES_DIR));
    expect(modules.sort()).toEqual(rules.map((r) => r.id).sort());
    const testFiles = new Set([
      ...readdirSync(RULES_DIR),
      ...readdirSync(join(RULES_DIR, '..', 'test', 'rules'), { recursive: true }).map((f) => String(f).split(/[\\/]/).pop()!),
    ]);
    for (const name of modules) {
      const mod = (await import(pathToFileURL(join(RULES_DIR, `${name}.ts`)).href)) as { default?: Rule };
      expect(mod.default?.id, `rules/${name}.ts`).toBe(name);
      expect(testFiles.has(`${name}.test.ts`) || existsSync(join(RULES_DIR, `${name}.test.ts`)), `${name}.test.ts`).toBe(true);
    }
  });
});
