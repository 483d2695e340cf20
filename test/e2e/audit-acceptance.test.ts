import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { runTs, type Finished } from '../core/run-cli.js';
import { tempDir } from './helpers.js';

const MOB_OPTION = 'Config.HostAgent.plugins.solo.enableMob';

function audit(configPath: string, history: string): Promise<Finished> {
  return Promise.race([
    runTs(['audit', '-c', configPath, '--history', history, '--fail-on', 'none']),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('hvscan audit did not finish within 40 s')), 40_000).unref(),
    ),
  ]);
}

/**
 * Issue 7, "Done when": two audits against the lab with a risky setting turned on in between produce a diff naming
 * exactly that change and the new finding, and nothing else.
 */
describe('audit acceptance: a change between two audits is the whole diff', { timeout: 60_000 }, () => {
  let dir: string;
  let lab: RunningLab;

  beforeAll(async () => {
    dir = tempDir('audit');
    // Hardened hosts on every platform: a standalone ESXi, a vCenter with one host, Hyper-V over SSH and WinRM.
    lab = await startLab({
      profile: 'hardened',
      esxi: 1,
      vcenterHosts: 1,
      hyperv: 2,
      latencyMs: 0,
      outDir: join(dir, 'lab'),
    });
  });

  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('turning the MOB on at runtime shows up as one fact drift and one new finding', async () => {
    const history = join(dir, 'history');
    const first = await audit(lab.configPath, history);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\(first run\)/);

    const esx01 = lab.hosts.find((h) => h.name === 'esx01')!;
    esx01.setEsxiOption!('ha-host', MOB_OPTION, true);

    const second = await audit(lab.configPath, history);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/\(1 new, 0 resolved findings\)/);

    const runs = readdirSync(join(history, 'runs')).sort();
    expect(runs).toHaveLength(2);
    const diff = ReportDiff.parse(JSON.parse(readFileSync(join(history, 'runs', runs[1]!, 'diff.json'), 'utf8')));

    expect(diff.findings.new.map((f) => ({ host: f.host, ruleId: f.ruleId, subject: f.subject }))).toEqual([
      { host: 'esx01', ruleId: 'esxi-third-party-api-exposed', subject: 'mob' },
    ]);
    expect(diff.findings.resolved).toEqual([]);
    expect(diff.findings.severityChanged).toEqual([]);
    expect(diff.findings.suppressionsExpired).toEqual([]);
    expect(diff.hosts.appeared).toEqual([]);
    expect(diff.hosts.disappeared).toEqual([]);

    // Only esx01 drifted, and only in the MOB: the advanced option and the exposure it opens.
    expect(diff.hosts.drift.map((d) => d.host)).toEqual(['esx01']);
    const changes = diff.hosts.drift[0]!.changes;
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(`${change.path} ${change.summary}`).toMatch(/mob/i);
    expect(changes).toContainEqual(expect.objectContaining({ before: false, after: true }));

    // The readable diff says the same.
    const text = readFileSync(join(history, 'runs', runs[1]!, 'diff.txt'), 'utf8');
    expect(text).toMatch(/esx01/);
    expect(text).toMatch(/esxi-third-party-api-exposed|MOB/i);
  });
});
