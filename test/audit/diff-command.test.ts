import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { finding, host, report } from './report-fixture.js';

const run = promisify(execFile);

async function hvscan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/index.ts', ...args], {
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('hvscan diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-diff-'));
  const older = join(dir, 'old.json');
  const newer = join(dir, 'new.json');
  writeFileSync(
    older,
    JSON.stringify(report([host({ name: 'esx01', findings: [finding({ id: 'ssh', severity: 'medium' })] })])),
  );
  writeFileSync(
    newer,
    JSON.stringify(
      report(
        [
          host({
            name: 'esx01',
            findings: [
              finding({ id: 'ssh', severity: 'medium' }),
              finding({ id: 'slp', severity: 'high', title: 'SLP is running' }),
            ],
          }),
        ],
        '2026-11-21T02:00:00.000Z',
      ),
    ),
  );

  it('prints the change as text and exits 3 with --fail-on-new at or below the new finding', async () => {
    const r = await hvscan(['diff', older, newer, '--fail-on-new', 'high']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('New findings (1)');
    expect(r.stdout).toContain('[high] esx01: SLP is running');
    expect((await hvscan(['diff', older, newer, '--fail-on-new', 'critical'])).code).toBe(0);
  }, 60_000);

  it('writes schema-valid JSON and names the file that is not a report', async () => {
    const out = join(dir, 'diff.json');
    const r = await hvscan(['diff', older, newer, '--json', '-o', out]);
    expect(r.code).toBe(0);
    expect(ReportDiff.parse(JSON.parse(readFileSync(out, 'utf8'))).findings.new.map((f) => f.id)).toEqual(['slp']);
    writeFileSync(join(dir, 'bad.json'), '{"hosts": 3}');
    const bad = await hvscan(['diff', older, join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'bad.json')}: not a valid hvscan report`);
  }, 60_000);
});

describe('hvscan diff warns when the reports do not compare like for like', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-diff-warn-'));
  const write = (name: string, doc: object) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const hosts = (...ruleIds: string[]) => [
    host({ name: 'esx01', findings: ruleIds.map((ruleId) => finding({ id: ruleId, ruleId })) }),
  ];

  it('different profiles, different hvscan versions (rule catalogues), OLD newer than NEW', async () => {
    const older = write('old.json', {
      ...report(hosts('esxi-ssh-service-running'), '2026-11-22T02:00:00.000Z'),
      tool: { name: 'hvscan', version: '0.0.9' },
    });
    const base = report(hosts('esxi-ssh-service-running', 'esxi-slp-running'), '2026-11-21T02:00:00.000Z');
    const newer = write('new.json', { ...base, config: { ...base.config, profile: 'stig' } });
    const r = await hvscan(['diff', older, newer]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `warning: OLD (${older}, 2026-11-22T02:00:00.000Z) is newer than NEW (${newer}, 2026-11-21T02:00:00.000Z)`,
    );
    expect(r.stderr).toContain('warning: the reports used different rule profiles (OLD scg, NEW stig)');
    expect(r.stderr).toMatch(
      /warning: the reports come from hvscan 0\.0\.9 and \S+, whose rule catalogues may differ; 1 rule id\(s\) only in NEW, 0 only in OLD/,
    );
  }, 60_000);

  it('says nothing for two comparable reports', async () => {
    const older = write('a.json', report(hosts('esxi-ssh-service-running')));
    const newer = write('b.json', report(hosts('esxi-ssh-service-running'), '2026-11-21T02:00:00.000Z'));
    const r = await hvscan(['diff', older, newer]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);
});
