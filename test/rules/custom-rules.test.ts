// Custom rules from a folder: loaded beside the built-ins, checked like them, every bad module an error naming its file.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomRuleError, loadRuleSet, type RuleDirectory } from '../../src/rules/custom.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { validateParamOverrides } from '../../src/rules/params.js';
import { listRules } from '../../src/rules/registry.js';
import { esxiFacts } from '../fixtures/facts.js';
import { runTs } from '../core/run-cli.js';
import type { CustomRule } from '../../src/rules/public.js';
import { projectFile } from '../../src/core/paths.js';

const CLI_TIMEOUT = 60_000;
const NOW = new Date('2026-02-01T00:00:00Z');

/** A valid rule module's source with some fields replaced (values are JS source text). */
function ruleSource(id: string, fields: Record<string, string> = {}): string {
  const all: Record<string, string> = {
    id: JSON.stringify(id),
    title: "'The host has no custom marker'",
    severity: "'low'",
    platforms: "['esxi']",
    category: "'custom'",
    rationale: "'Our own policy.'",
    risk: "'Nothing much.'",
    remediation: "{ text: 'Add the marker.' }",
    references: '{}',
    evaluate:
      "(facts, params) => ({ status: 'fail', message: `limit ${params.limit}`, evidence: { path: 'identity.name', observed: facts.identity.name, expected: params.limit } })",
    params: '{ limit: 3 }',
    ...fields,
  };
  const body = Object.entries(all)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `  ${key}: ${value},`)
    .join('\n');
  return `export default {\n${body}\n};\n`;
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-custom-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const at = (path: string): RuleDirectory => ({ path, origin: '--rules-dir test' });

async function loadProblems(...dirs: string[]): Promise<string[]> {
  try {
    await loadRuleSet(dirs.map(at));
  } catch (err) {
    if (err instanceof CustomRuleError) return err.problems;
    throw err;
  }
  throw new Error('the custom rules loaded');
}

describe('custom rules: loading', () => {
  it('loads .js and .mjs rules beside the built-ins, in id order, recording their files; skips helpers', async () => {
    const dir = folder({
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker'),
      'host-custom-owner.js': ruleSource('host-custom-owner', { platforms: "['esxi', 'hyperv']" }),
      '_helper.mjs': 'throw new Error("a helper is not a rule");',
      'notes.txt': 'not a rule',
    });
    const set = await loadRuleSet([at(dir)]);
    const ids = set.rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['esxi-custom-marker', 'host-custom-owner']));
    expect(ids).toHaveLength(listRules().length + 2);
    const marker = set.rules.find((r) => r.id === 'esxi-custom-marker')!;
    expect(set.source(marker)).toBe(join(dir, 'esxi-custom-marker.mjs'));
    expect(set.source(set.rules.find((r) => r.id === 'esxi-ntp-servers')!)).toBe('built-in');
  });

  it('reads an edited rule file again on the next load (a long-running schedule picks it up)', async () => {
    const dir = folder({ 'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker') });
    const title = async () => (await loadRuleSet([at(dir)])).rules.find((r) => r.id === 'esxi-custom-marker')!.title;
    expect(await title()).toBe('The host has no custom marker');
    writeFileSync(
      join(dir, 'esxi-custom-marker.mjs'),
      ruleSource('esxi-custom-marker', { title: "'The host lacks the marker'" }),
    );
    utimesSync(join(dir, 'esxi-custom-marker.mjs'), new Date(), new Date(Date.now() + 5_000));
    expect(await title()).toBe('The host lacks the marker');
  });

  it('turns plain params defaults into a schema: defaults apply, overrides of another type are config errors', async () => {
    const dir = folder({
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker', { params: "{ limit: 3, names: ['a'] }" }),
    });
    const { rules } = await loadRuleSet([at(dir)]);
    const finding = evaluateHost(esxiFacts(), {
      profile: 'scg',
      now: NOW,
      rules: rules.filter((r) => r.id === 'esxi-custom-marker'),
    });
    expect(finding).toMatchObject([{ ruleId: 'esxi-custom-marker', status: 'fail', message: 'limit 3' }]);
    expect(validateParamOverrides(rules, { 'esxi-custom-marker': { limit: 5, names: ['b', 'c'] } }, 'scg')).toEqual([]);
    expect(validateParamOverrides(rules, { 'esxi-custom-marker': { limit: 'five' } }, 'scg')).toEqual([
      'rules.params.esxi-custom-marker.limit: Invalid input: expected number, received string',
    ]);
    expect(validateParamOverrides(rules, { 'esxi-custom-marker': { limt: 5 } }, 'scg')[0]).toContain('limt');
  });

  it('a rule without params gets none; one with a nested default is a bad field', async () => {
    const none = folder({
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker', {
        params: '',
        evaluate: "() => ({ status: 'pass', message: 'ok', evidence: { path: 'x' } })",
      }),
    });
    const { rules } = await loadRuleSet([at(none)]);
    expect(rules.find((r) => r.id === 'esxi-custom-marker')!.params.safeParse({}).success).toBe(true);
    const nested = folder({
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker', { params: '{ limits: { a: 1 } }' }),
    });
    expect(await loadProblems(nested)).toEqual([
      `${join(nested, 'esxi-custom-marker.mjs')}: params.limits: a default must be a string, number, boolean or array of them (or give a zod schema)`,
    ]);
  });
});

describe('custom rules: each bad module is an error naming its file', () => {
  it('an id that clashes with a built-in rule or with another custom rule', async () => {
    const a = folder({
      'esxi-ntp-servers.mjs': ruleSource('esxi-ntp-servers'),
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker'),
    });
    const b = folder({ 'esxi-custom-marker.js': ruleSource('esxi-custom-marker') });
    expect(await loadProblems(a, b)).toEqual([
      `${join(a, 'esxi-ntp-servers.mjs')}: id "esxi-ntp-servers" clashes with a built-in rule`,
      `${join(b, 'esxi-custom-marker.js')}: id "esxi-custom-marker" clashes with ${join(a, 'esxi-custom-marker.mjs')}`,
    ]);
  });

  it.each([
    [
      'an id other than the file name',
      { id: "'esxi-custom-other'" },
      'id: "esxi-custom-other" differs from the file name "esxi-custom-marker"',
    ],
    ['a bad severity', { severity: "'urgent'" }, 'severity: Invalid option'],
    ['no remediation text', { remediation: '{}' }, 'remediation.text: Invalid input'],
    ['a malformed reference', { references: "{ cve: ['2024-1234'] }" }, 'references.cve.0: expected CVE-YYYY-NNNN'],
    ['a missing evaluate', { evaluate: '' }, 'evaluate: expected a function'],
    ['a misspelt field', { risks: "'x'" }, 'Unrecognized key: "risks"'],
  ])('a bad field: %s', async (_case, fields, problem) => {
    const dir = folder({ 'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker', fields) });
    const problems = await loadProblems(dir);
    expect(problems.join('\n')).toContain(`${join(dir, 'esxi-custom-marker.mjs')}: ${problem}`);
  });

  it('a module that throws on import, or exports nothing', async () => {
    const dir = folder({
      'esxi-custom-boom.mjs': "throw new Error('cannot reach the CMDB');\nexport default {};\n",
      'esxi-custom-syntax.mjs': 'export default {\n',
      'esxi-custom-none.mjs': 'export const rule = {};\n',
    });
    const problems = await loadProblems(dir);
    expect(problems).toContain(
      `${join(dir, 'esxi-custom-boom.mjs')}: the module throws on import: cannot reach the CMDB`,
    );
    expect(
      problems.find((p) => p.startsWith(`${join(dir, 'esxi-custom-syntax.mjs')}: the module throws on import: `)),
    ).toBeDefined();
    expect(problems).toContain(
      `${join(dir, 'esxi-custom-none.mjs')}: the default export is missing; expected the rule object`,
    );
  });

  it('a folder that does not exist, named by where it was given', async () => {
    const missing = join(tmpdir(), 'hvscan-no-such-rules-folder');
    expect(await loadProblems(missing)).toEqual([`--rules-dir test: cannot read ${missing} (ENOENT)`]);
  });
});

describe('custom rules: evaluation', () => {
  it('a rule that throws or returns a malformed result gives an unknown "rule error" result; the others run', async () => {
    const dir = folder({
      'esxi-custom-throws.mjs': ruleSource('esxi-custom-throws', {
        evaluate: "() => { throw new Error('no such fact'); }",
      }),
      'esxi-custom-malformed.mjs': ruleSource('esxi-custom-malformed', {
        evaluate: "() => ({ status: 'failed', message: 'x', evidence: { path: 'x' } })",
      }),
      'esxi-custom-nopath.mjs': ruleSource('esxi-custom-nopath', {
        evaluate: "() => [{ status: 'pass', message: 'x', evidence: {} }]",
      }),
      'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker'),
    });
    const { rules } = await loadRuleSet([at(dir)]);
    const findings = evaluateHost(esxiFacts(), {
      profile: 'scg',
      now: NOW,
      rules: rules.filter((r) => r.id.startsWith('esxi-custom-')),
    });
    const byRule = Object.fromEntries(findings.map((f) => [f.ruleId, f]));
    expect(byRule['esxi-custom-throws']).toMatchObject({ status: 'unknown', message: 'rule error: no such fact' });
    expect(byRule['esxi-custom-malformed']).toMatchObject({
      status: 'unknown',
      message: 'rule error: malformed result: status "failed" is not one of fail, pass, unknown, not_applicable',
    });
    expect(byRule['esxi-custom-nopath']).toMatchObject({
      status: 'unknown',
      message: 'rule error: malformed result: evidence.path is not a string',
    });
    expect(byRule['esxi-custom-marker']).toMatchObject({ status: 'fail', message: 'limit 3' });
  });
});

describe('custom rules: commands', () => {
  const fakeCli = (args: string[]) => runTs(args, { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });
  function config(dir: string, rules: object = {}): string {
    const targets = [{ name: 'ok-a', platform: 'esxi', host: 'ok-a.lab', username: 'root', passwordEnv: 'PW' }];
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ targets, rules }));
    return join(dir, 'config.json');
  }

  it(
    'hvscan rules --rules-dir lists a custom rule with its file',
    async () => {
      const dir = folder({ 'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker') });
      const table = await runTs(['rules', '--rules-dir', dir]);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^RULE\s+SEVERITY\s+PLATFORMS\s+TITLE\s+SOURCE$/m);
      expect(table.stdout).toMatch(
        new RegExp(
          `^esxi-custom-marker\\s+low\\s+esxi\\s+The host has no custom marker\\s+${join(dir, 'esxi-custom-marker.mjs')}$`,
          'm',
        ),
      );
      expect(table.stdout).toMatch(/^esxi-ntp-servers\s.*\sbuilt-in$/m);
      expect(table.stdout).toContain(`${listRules().length + 1} rules, 1 custom`);
      const json = await runTs(['rules', '--json', '--rules-dir', dir]);
      const listed = (JSON.parse(json.stdout) as Array<{ id: string; source: string; params: unknown }>).find(
        (r) => r.id === 'esxi-custom-marker',
      );
      expect(listed).toMatchObject({ source: join(dir, 'esxi-custom-marker.mjs'), params: { scg: { limit: 3 } } });
    },
    CLI_TIMEOUT,
  );

  it(
    'hvscan rules -c takes rules.directories relative to the config; evaluate --rules-dir runs the rule on saved facts',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-custom-cli-'));
      mkdirSync(join(dir, 'my-rules'));
      writeFileSync(join(dir, 'my-rules', 'esxi-custom-marker.mjs'), ruleSource('esxi-custom-marker'));
      const listed = await runTs(['rules', '--json', '-c', config(dir, { directories: ['my-rules'] })]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(
        (JSON.parse(listed.stdout) as Array<{ id: string; source: string }>).find((r) => r.id === 'esxi-custom-marker')
          ?.source,
      ).toBe(join(dir, 'my-rules', 'esxi-custom-marker.mjs'));
      writeFileSync(join(dir, 'facts.json'), JSON.stringify(esxiFacts()));
      const judged = await runTs([
        'evaluate',
        join(dir, 'facts.json'),
        '--rules-dir',
        join(dir, 'my-rules'),
        '--fail-on',
        'none',
      ]);
      expect(judged.code, judged.stderr).toBe(0);
      const report = JSON.parse(judged.stdout);
      expect(report.rules['esxi-custom-marker'].source).toBe(join(dir, 'my-rules', 'esxi-custom-marker.mjs'));
      expect(report.hosts[0].findings.find((f: { ruleId: string }) => f.ruleId === 'esxi-custom-marker')).toMatchObject(
        { status: 'fail', message: 'limit 3' },
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'hvscan scan and validate: a bad custom rule is exit 2 naming the file, before any connection',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-custom-cli-'));
      mkdirSync(join(dir, 'rules'));
      writeFileSync(join(dir, 'rules', 'esxi-ntp-servers.mjs'), ruleSource('esxi-ntp-servers'));
      writeFileSync(join(dir, 'rules', 'esxi-custom-boom.mjs'), "throw new Error('boom at import');\n");
      const file = config(dir, { directories: ['rules'] });
      for (const args of [
        ['validate', '-c', file],
        ['scan', '-c', file, '-o', join(dir, 'r.json')],
      ]) {
        const result = await fakeCli(args);
        expect(result.code, args[0]).toBe(2);
        expect(result.stderr).toContain(
          `${join(dir, 'rules', 'esxi-ntp-servers.mjs')}: id "esxi-ntp-servers" clashes with a built-in rule`,
        );
        expect(result.stderr).toContain(
          `${join(dir, 'rules', 'esxi-custom-boom.mjs')}: the module throws on import: boom at import`,
        );
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'hvscan scan --rules-dir runs the custom rule and records its file in the report',
    async () => {
      const rulesDir = folder({ 'esxi-custom-marker.mjs': ruleSource('esxi-custom-marker') });
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-custom-cli-'));
      const result = await fakeCli([
        'scan',
        '-c',
        config(dir),
        '--fail-on',
        'none',
        '--rules-dir',
        rulesDir,
        '-o',
        join(dir, 'r.json'),
      ]);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
      expect(report.rules['esxi-custom-marker'].source).toBe(join(rulesDir, 'esxi-custom-marker.mjs'));
      expect(report.hosts[0].findings.find((f: { ruleId: string }) => f.ruleId === 'esxi-custom-marker')).toMatchObject(
        { status: 'fail', message: 'limit 3' },
      );
    },
    CLI_TIMEOUT,
  );
});

describe('custom rules: types for TypeScript authors (hvscan/rules)', () => {
  it('the package exports hvscan/rules as the build of src/rules/public.ts, types included', () => {
    const pkg = JSON.parse(readFileSync(projectFile('package.json'), 'utf8'));
    expect(pkg.exports['./rules']).toEqual({
      types: './dist/src/rules/public.d.ts',
      default: './dist/src/rules/public.js',
    });
    expect(pkg.bin.hvscan).toBe('bin/hvscan.js');
    expect(JSON.parse(readFileSync(projectFile('tsconfig.build.json'), 'utf8')).compilerOptions.declaration).toBe(true);
  });

  it('CustomRule types a rule (checked by tsc over the test tree) that loads as written', async () => {
    const typed: CustomRule<{ domain: string }> = {
      id: 'esxi-custom-typed',
      title: 'A typed custom rule',
      severity: 'low',
      platforms: ['esxi'],
      category: 'custom',
      rationale: 'Typed.',
      risk: 'None.',
      remediation: { text: 'None.' },
      references: {},
      params: { domain: 'corp.example' },
      evaluate: (facts, params) => ({
        status: 'pass',
        message: `${facts.identity.name} ${params.domain}`,
        evidence: { path: 'identity.name' },
      }),
    };
    // @ts-expect-error a severity hvscan does not have
    const wrong: CustomRule['severity'] = 'urgent';
    expect(wrong).toBe('urgent');
    const dir = folder({
      'esxi-custom-typed.mjs': `export default {\n${Object.entries(typed)
        .map(([k, v]) => `  ${k}: ${typeof v === 'function' ? v.toString() : JSON.stringify(v)},`)
        .join('\n')}\n};\n`,
    });
    const { rules } = await loadRuleSet([at(dir)]);
    const findings = evaluateHost(esxiFacts(), {
      profile: 'scg',
      now: NOW,
      rules: rules.filter((r) => r.id === 'esxi-custom-typed'),
    });
    expect(findings).toMatchObject([{ status: 'pass', message: 'esx01 corp.example' }]);
  });
});
