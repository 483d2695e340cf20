import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValidReport } from './helpers.js';
import { runTs } from './run-cli.js';

const CLI_TIMEOUT = 60_000;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-format-'));
  const config = join(dir, 'config.json');
  const targets = ['ok-a', 'ok-b'].map((name) => ({
    name,
    platform: 'esxi',
    host: `${name}.lab`,
    username: 'root',
    passwordEnv: 'PW',
  }));
  writeFileSync(config, JSON.stringify({ targets }));
  return { dir, config };
}
const scan = (config: string, ...args: string[]) =>
  runTs(['scan', '-c', config, '--fail-on', 'none', ...args], { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });

describe('--format', () => {
  it(
    'writes each format beside the JSON path with its own extension; names in any case',
    async () => {
      const { dir, config } = setup();
      const result = await scan(config, '-o', join(dir, 'r.json'), '--format', 'JSON,ndjson,Csv,sarif,junit');
      expect(result.code, result.stderr).toBe(0);
      for (const name of ['r.json', 'r.ndjson', 'r.csv', 'r.sarif', 'r.junit.xml'])
        expect(existsSync(join(dir, name)), name).toBe(true);
      expect(existsSync(join(dir, 'r.html'))).toBe(false);
      const report = expectValidReport(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
      const lines = readFileSync(join(dir, 'r.ndjson'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toHaveLength(report.hosts.reduce((n, h) => n + h.findings.length, 0));
      const first = report.hosts[0]!.findings[0]!;
      expect(lines[0]).toMatchObject({
        host: 'ok-a',
        platform: 'esxi',
        id: first.id,
        ruleId: first.ruleId,
        title: report.rules[first.ruleId]!.title,
        severity: first.severity,
      });
    },
    CLI_TIMEOUT,
  );

  it(
    '-o - takes one format on stdout; more than one, or an unknown name, is exit 2',
    async () => {
      const { config } = setup();
      const ndjson = await scan(config, '-o', '-', '--format', 'ndjson');
      expect(ndjson.code).toBe(0);
      expect(
        ndjson.stdout
          .trimEnd()
          .split('\n')
          .every((line) => JSON.parse(line).host),
      ).toBe(true);
      const two = await scan(config, '-o', '-', '--format', 'json,csv');
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('-o - (stdout) takes one format');
      const unknown = await scan(config, '--format', 'xml');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(
        '--format: expected a comma-separated list of table, json, html, csv, sarif, junit, ndjson',
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'table prints the findings table on stdout even when piped, as trivy -f table does; alone it writes no file',
    async () => {
      const { dir, config } = setup();
      const alone = await runTs(
        ['scan', '-c', config, '--fail-on', 'none', '--format', 'TABLE', '-o', join(dir, 'r.json')],
        { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } },
      );
      expect(alone.code, alone.stderr).toBe(0);
      expect(alone.stdout).toMatch(/SEVERITY/);
      expect(alone.stdout).toContain('ok-a');
      expect(existsSync(join(dir, 'r.json'))).toBe(false);
      const both = await scan(config, '-o', join(dir, 'r.json'), '--format', 'table,json');
      expect(both.code).toBe(0);
      expect(both.stdout).toMatch(/SEVERITY/);
      expectValidReport(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
    },
    CLI_TIMEOUT,
  );
});
