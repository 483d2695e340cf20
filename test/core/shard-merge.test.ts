import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planMerge } from '../../src/report/merge.js';
import { shardFrom, shardOf } from '../../src/scan/shard.js';
import { expectValidReport } from './helpers.js';
import { runTs } from './run-cli.js';

const CLI_TIMEOUT = 90_000;
const fakeCli = (args: string[]) => runTs(args, { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });
const names = Array.from({ length: 12 }, (_, i) => `ok-esx${String(i + 1).padStart(2, '0')}`);

function config(targets = names): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-shard-'));
  const path = join(dir, 'config.json');
  writeFileSync(
    path,
    JSON.stringify({
      targets: targets.map((name) => ({
        name,
        platform: 'esxi',
        host: `${name}.lab`,
        username: 'root',
        passwordEnv: 'PW',
      })),
    }),
  );
  return path;
}

const hostsAndFindings = (path: string) => {
  const report = expectValidReport(JSON.parse(readFileSync(path, 'utf8')));
  return {
    hosts: report.hosts.map((h) => h.name).sort(),
    findings: report.hosts.flatMap((h) => h.findings.map((f) => f.id)).sort(),
    summary: report.summary,
    complete: report.complete,
  };
};

describe('shards', () => {
  it('every target is in exactly one shard, and adding a target moves no other', () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = names.map((name) => shardOf(name, count));
      for (const shard of shards) {
        expect(shard).toBeGreaterThanOrEqual(1);
        expect(shard).toBeLessThanOrEqual(count);
      }
      const more = [...names, 'ok-new'].map((name) => shardOf(name, count));
      expect(more.slice(0, names.length)).toEqual(shards);
    }
  });

  it('going from 3 to 4 shards moves only the targets that land in the new shard', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `host-${i}`);
    const moved = many.filter((name) => shardOf(name, 3) !== shardOf(name, 4));
    expect(moved.every((name) => shardOf(name, 4) === 4)).toBe(true);
    expect(moved.length / many.length).toBeGreaterThan(0.15);
    expect(moved.length / many.length).toBeLessThan(0.35);
  });

  it('--shard is i/n with 1 <= i <= n', () => {
    expect(shardFrom('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '1/10001']) expect(shardFrom(bad), bad).toBeUndefined();
  });
});

describe('scan --shard and merge', () => {
  it(
    'three shards merged give the same hosts and finding ids as one scan',
    async () => {
      const cfg = config();
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-shard-'));
      const whole = join(dir, 'whole.json');
      expect((await fakeCli(['scan', '-c', cfg, '-o', whole, '--fail-on', 'none'])).code).toBe(0);
      const parts = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
      const runs = await Promise.all(
        parts.map((out, i) => fakeCli(['scan', '-c', cfg, '-o', out, '--fail-on', 'none', '--shard', `${i + 1}/3`])),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const sizes = parts.map((part) => hostsAndFindings(part).hosts.length);
      expect(sizes.reduce((a, b) => a + b)).toBe(names.length);
      const merged = join(dir, 'merged.json');
      const result = await fakeCli(['merge', ...parts, '-o', merged]);
      expect(result.code, result.stderr).toBe(0);
      const a = hostsAndFindings(whole);
      const b = hostsAndFindings(merged);
      expect(b.hosts).toEqual(a.hosts);
      expect(b.findings).toEqual(a.findings);
      expect(b.summary).toEqual(a.summary);
      expect(b.complete).toBe(true);
      expect(JSON.parse(readFileSync(merged, 'utf8')).shard).toBeUndefined();

      // Merging holds one value at a time (a host entry, one line, or the rule catalogue), never a whole input.
      const largestValue = Math.max(
        ...parts.map((part) => {
          const text = readFileSync(part, 'utf8');
          const catalogue = text.slice(text.indexOf('\n  "rules": '), text.indexOf('\n  "hosts": ')).length;
          return Math.max(catalogue, ...text.split('\n').map((line) => line.length));
        }),
      );
      const { largestHeld } = planMerge(parts);
      expect(largestHeld).toBeGreaterThan(0);
      expect(largestHeld).toBeLessThanOrEqual(largestValue);
      expect(largestHeld).toBeLessThan(Math.min(...parts.map((part) => statSync(part).size)));

      // A missing shard is said, and the merged report is then incomplete.
      const partial = join(dir, 'partial.json');
      const two = await fakeCli(['merge', parts[0]!, parts[2]!, '-o', partial]);
      expect(two.code).toBe(0);
      expect(two.stderr).toContain('shard(s) 2/3 missing');
      expect(hostsAndFindings(partial).complete).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it(
    'refuses, with exit 2, reports of different schema versions, configs, rule catalogues or the same host twice',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-merge-'));
      const one = join(dir, 'one.json');
      expect((await fakeCli(['scan', '-c', config(names.slice(0, 2)), '-o', one, '--fail-on', 'none'])).code).toBe(0);
      const report = JSON.parse(readFileSync(one, 'utf8'));
      const write = (name: string, value: unknown) => (
        writeFileSync(join(dir, name), JSON.stringify(value)),
        join(dir, name)
      );

      const twice = await fakeCli(['merge', one, one, '-o', join(dir, 'm.json')]);
      expect(twice.code).toBe(2);
      expect(twice.stderr).toMatch(/host ok-esx01 \(target ok-esx01\) is in both/);

      const other = write('other.json', {
        ...report,
        config: { ...report.config, digest: `sha256:${'b'.repeat(64)}` },
        hosts: [],
      });
      expect((await fakeCli(['merge', one, other, '-o', join(dir, 'm.json')])).stderr).toContain(
        'comes from another config',
      );

      const id = Object.keys(report.rules)[1]!;
      const conflicting = write('conflict.json', {
        ...report,
        rules: { ...report.rules, [id]: { ...report.rules[id], title: 'changed' } },
        hosts: [],
      });
      const conflict = await fakeCli(['merge', one, conflicting, '-o', join(dir, 'm.json')]);
      expect(conflict.code).toBe(2);
      expect(conflict.stderr).toContain(`rule ${id} differs between`);

      const v1 = write(
        'v1.json',
        JSON.parse(readFileSync('test/fixtures/report-v1/history/runs/2026-12-06T08-44-54-118Z/report.json', 'utf8')),
      );
      const versions = await fakeCli(['merge', one, v1, '-o', join(dir, 'm.json')]);
      expect(versions.code).toBe(2);
      expect(versions.stderr).toContain('is schemaVersion 2 and');
    },
    CLI_TIMEOUT,
  );
});
