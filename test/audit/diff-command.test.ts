import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ReportDiff } from '../../src/diff/schema.js';
import { finding, host, report } from './report-fixture.js';

const run = promisify(execFile);

async function hvscan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/index.ts', ...args], { timeout: 60_000 });
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
  writeFileSync(older, JSON.stringify(report([host({ name: 'esx01', findings: [finding({ id: 'ssh', severity: 'medium' })] })])));
  writeFileSync(newer, JSON.stringify(report([host({ name: 'esx01', findings: [finding({ id: 'ssh', severity: 'medium' }), finding({ id: 'slp', severity: 'high', title: 'SLP is running' })] })], '2026-11-21T02:00:00.000Z')));

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
