import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/core/config/load.js';
import { jsonSchema } from '../../src/report/json-schemas.js';
import { parseSuppressions, SuppressionsFile } from '../../src/rules/suppressions.js';
import { suppressionMismatches } from '../../src/rules/suppression-checks.js';
import { listRules } from '../../src/rules/registry.js';
import { projectFile } from '../../src/core/paths.js';
import { closest } from '../../src/core/text/suggest.js';
import { runTs } from './run-cli.js';

const esx = { name: 'esx01', platform: 'esxi', host: 'esx01.lab', username: 'root', passwordEnv: 'ESX01_PASSWORD' };
const ssh = {
  name: 'hv01',
  platform: 'hyperv',
  transport: 'ssh',
  host: 'hv01.lab',
  username: 'audit',
  agent: true,
  ssh: { trustOnFirstUse: false },
};
const dir = mkdtempSync(join(tmpdir(), 'hvscan-suggest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('"did you mean …?" in config errors', () => {
  it.each([
    [{ targets: [esx], scan: { timeout: 30 } }, 'scan.timeout: unknown key (did you mean "timeoutSeconds"?)'],
    [
      { targets: [{ ...esx, platform: 'ESXi' }] },
      'targets[0].platform: expected one of "esxi", "vcenter", "hyperv", got "ESXi" (did you mean "esxi"?)',
    ],
    [
      { targets: [{ ...esx, tls: { fingerprnt: 'x' } }] },
      'targets[0].tls.fingerprnt: unknown key (did you mean "fingerprint"?)',
    ],
    [
      { targets: [{ ...ssh, ssh: { knownHostFile: 'kh' } }] },
      'targets[0].ssh.knownHostFile: unknown key (did you mean "knownHostsFile"?)',
    ],
    [
      { targets: [{ ...ssh, transport: 'SSH' }] },
      'targets[0].transport: expected one of "ssh", "winrm", got "SSH" (did you mean "ssh"?)',
    ],
    [
      { targets: [esx], rules: { profile: 'STIG' } },
      'rules.profile: expected one of "scg", "stig", "lab", got "STIG" (did you mean "stig"?)',
    ],
    [
      { targets: [esx], log: { level: 'warning' } },
      'log.level: expected one of "error", "warn", "info", "debug", got "warning" (did you mean "warn"?)',
    ],
    [{ targets: [esx], outputs: {} }, 'outputs: unknown key (did you mean "output"?)'],
  ])('%j', (raw, line) => {
    expect(validateConfig(raw).problems).toContain(line);
  });

  it('suggests nothing when no known word is close', () => {
    expect(validateConfig({ targets: [esx], zzz: 1 }).problems).toEqual([
      'zzz: unknown key (check the spelling; unknown keys are not ignored)',
    ]);
    expect(closest('xen', ['esxi', 'vcenter', 'hyperv'])).toBeUndefined();
  });
});

describe('a missing config file', () => {
  it('says so in words and how to get one, without a raw ENOENT', async () => {
    const run = await runTs(['validate', '-c', join(dir, 'nope.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`config ${join(dir, 'nope.json')}: no such file`);
    expect(run.stderr).toContain('hvscan init');
    expect(run.stderr).not.toMatch(/ENOENT/);
  });
});

describe('suppressions are checked against the rule catalogue and the configured targets', () => {
  const entry = {
    rule: 'esxi-ssh-fips-disabled',
    hosts: 'esx01',
    reason: 'FIPS mode breaks the backup tool',
    expires: '2099-12-31',
  };
  const writeConfig = (name: string, suppressions: unknown[], targets: unknown[] = [esx]) => {
    writeFileSync(join(dir, `${name}.suppr.json`), JSON.stringify(suppressions));
    writeFileSync(
      join(dir, `${name}.json`),
      JSON.stringify({ targets, rules: { suppressionsFile: `${name}.suppr.json` } }),
    );
    return join(dir, `${name}.json`);
  };
  const env = { ESX01_PASSWORD: 'pw' };

  it('accepts entries that name a known rule (or a glob over rules) and a configured target', async () => {
    const config = writeConfig('good', [entry, { ...entry, rule: 'esxi-*', hosts: ['esx0?', 'esx01.lab'] }]);
    const run = await runTs(['validate', '-c', config], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a typo in a rule id or a host name is an error naming entry and field, with a suggestion', async () => {
    const config = writeConfig('typo', [
      { ...entry, rule: 'esxi-ssh-fips-disable' },
      { ...entry, hosts: ['esx01', 'esx10'] },
    ]);
    const run = await runTs(['validate', '-c', config], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'entry 0, field "rule": no rule matches "esxi-ssh-fips-disable" (did you mean "esxi-ssh-fips-disabled"?)',
    );
    expect(run.stderr).toContain(
      'entry 1, field "hosts[1]": no configured target matches "esx10" (did you mean "esx01"?)',
    );

    const allowed = await runTs(['validate', '-c', config, '--allow-unknown'], { env });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/^warning: rules\.suppressionsFile: .*entry 0, field "rule": no rule matches/m);
  });

  it('with a vCenter target an unknown host name is only a warning: the host may be behind it', async () => {
    const vc = { ...esx, name: 'vc01', platform: 'vcenter', host: 'vc01.lab' };
    const config = writeConfig('vc', [{ ...entry, hosts: 'esx-behind-vc' }], [vc]);
    const run = await runTs(['validate', '-c', config], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'no configured target matches "esx-behind-vc"; it may be a host behind vCenter target vc01',
    );
  });
});

describe('hvscan schema suppressions', () => {
  it('describes the file: an array of entries or { suppressions: [...] }, reason and expires required', () => {
    const schema = JSON.stringify(jsonSchema('suppressions'));
    expect(schema).toContain('"required":["rule","hosts","reason","expires"]');
    expect(
      SuppressionsFile.safeParse({ suppressions: [{ rule: 'x', hosts: 'y', reason: 'z', expires: '2026-01-01' }] })
        .success,
    ).toBe(true);
  });

  it('accepts the README example, whose rules exist', () => {
    const readme = readFileSync(projectFile('README.md'), 'utf8');
    const example = /#### Suppressions[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const entries = parseSuppressions(example, 'README.md');
    expect(entries).toHaveLength(2);
    expect(SuppressionsFile.safeParse(JSON.parse(example)).success).toBe(true);
    const ids = listRules().map((r) => r.id);
    expect(
      suppressionMismatches(entries, {
        ruleIds: ids,
        hostNames: ['esx-prod-01', 'esx-lab-3', 'esx-dmz-7'],
        vcenterTargets: [],
      }),
    ).toEqual({ errors: [], warnings: [] });
  });
});
