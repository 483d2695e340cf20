import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparabilityWarnings } from '../../src/diff/comparable.js';
import { diffReportFiles } from '../../src/diff/files.js';
import { diffReports } from '../../src/diff/index.js';
import { renderDiffText } from '../../src/diff/text.js';
import type { ScanReport } from '../../src/core/report/schema.js';
import { jsonChunks } from '../../src/report/json.js';
import { readReport } from '../../src/report/read.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';
import { cli } from '../core/in-process-cli.js';
import { finding, fleetReport, host, report } from './report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-diff-streamed-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** As hvscan writes a report (pretty JSON, hosts one per line), or compact as a hand-made or older one may be. */
const saved = (name: string, doc: ScanReport | object, pretty = true) =>
  write(name, pretty ? [...jsonChunks(doc as ScanReport)].join('') : JSON.stringify(doc));

const V1 = 'test/fixtures/report-v1/history/runs/2026-12-06T08-44-54-118Z/report.json';

/** Removes the first failed finding (it is resolved in the later run). */
const dropFailed = (findings: Array<{ status: string }>) =>
  findings.splice(
    findings.findIndex((f) => f.status === 'fail'),
    1,
  );

/** The v1 fixture with one finding gone and a build changed: a later v1 run of the same host. */
function laterV1(): object {
  const doc = JSON.parse(readFileSync(V1, 'utf8'));
  doc.startedAt = '2026-12-13T08:44:54.118Z';
  doc.finishedAt = '2026-12-13T08:45:54.118Z';
  dropFailed(doc.hosts[0].findings);
  doc.hosts[0].facts.product.build = '99999999';
  return doc;
}

/** Two v2 runs with every kind of change: findings new, resolved, re-rated, expired; hosts appeared, gone, drifted. */
function v2Pair(): [ScanReport, ScanReport] {
  const older = report([
    host({ name: 'esx01', findings: [finding({ id: 'ssh-1' }), finding({ id: 'gone', severity: 'low' })] }),
    host({ name: 'esx02', findings: [finding({ id: 'rerated', severity: 'medium' })] }),
    host({ name: 'esx-old', findings: [finding({ id: 'vanished' })] }),
    host({ name: 'hv01', platform: 'hyperv', facts: hypervFacts({ identity: { name: 'hv01' } }) }),
    host({ name: 'dup', facts: esxiFacts({ identity: { name: 'dup' }, product: { build: '1' } }) }),
    host({ name: 'failed', status: 'failed', facts: null, errors: [{ step: 'connect', message: 'refused' }] }),
  ]);
  const newer = report(
    [
      host({ name: 'esx01', findings: [finding({ id: 'ssh-1' }), finding({ id: 'slp', ruleId: 'esxi-slp-running' })] }),
      host({
        name: 'esx02',
        facts: esxiFacts({ identity: { name: 'esx02' }, product: { build: '24022510' } }),
        findings: [finding({ id: 'rerated', severity: 'critical' })],
      }),
      host({ name: 'esx-new', findings: [finding({ id: 'x', ruleId: 'hvscan-suppression-expired' })] }),
      host({ name: 'hv01', platform: 'hyperv', facts: hypervFacts({ identity: { name: 'hv01' } }) }),
      // The same name twice (two targets): the diff pairs the older host with the first of them, as the audit does.
      host({ name: 'dup', target: 'a', facts: esxiFacts({ identity: { name: 'dup' }, product: { build: '2' } }) }),
      host({ name: 'dup', target: 'b', facts: esxiFacts({ identity: { name: 'dup' }, product: { build: '3' } }) }),
      host({ name: 'failed' }),
    ],
    '2026-11-27T02:00:00.000Z',
  );
  return [older, newer];
}

/** The streamed diff and the whole-read one (what `hvscan diff` did before) give the same bytes. */
async function expectSameAsWholeRead(oldPath: string, newPath: string) {
  const whole = diffReports(readReport(oldPath), readReport(newPath));
  const streamed = diffReportFiles(oldPath, newPath);
  expect(JSON.stringify(streamed.diff, null, 2)).toBe(JSON.stringify(whole, null, 2));
  expect(renderDiffText(streamed.diff)).toBe(renderDiffText(whole));
  const names = { old: oldPath, new: newPath };
  expect(streamed.warnings).toEqual(comparabilityWarnings(readReport(oldPath), readReport(newPath), names));
  // And the command prints exactly that.
  const json = await cli(['diff', oldPath, newPath, '--json']);
  expect(json.stdout).toBe(JSON.stringify(whole, null, 2) + '\n');
  const text = await cli(['diff', oldPath, newPath]);
  expect(text.stdout).toBe(renderDiffText(whole));
  expect(text.stderr).toBe(
    comparabilityWarnings(readReport(oldPath), readReport(newPath), names)
      .map((w) => `warning: ${w}\n`)
      .join(''),
  );
  return whole;
}

describe('hvscan diff reads both reports host by host, with the same result as reading them whole', () => {
  it('two v2 reports with every kind of change, pretty and compact', async () => {
    const [older, newer] = v2Pair();
    const whole = await expectSameAsWholeRead(saved('old.json', older), saved('new.json', newer));
    // The case is not trivial: each section of the diff has something in it.
    expect(whole.findings.new.map((f) => f.id)).toEqual(['slp']);
    expect(whole.findings.resolved.map((f) => f.id)).toEqual(['gone']);
    expect(whole.findings.severityChanged.map((f) => f.id)).toEqual(['rerated']);
    expect(whole.findings.suppressionsExpired.map((f) => f.id)).toEqual(['x']);
    expect(whole.hosts).toMatchObject({ appeared: ['esx-new'], disappeared: ['esx-old'] });
    expect(whole.hosts.drift.map((d) => [d.host, d.changes[0]!.after])).toEqual([
      ['dup', '2'],
      ['esx02', '24022510'],
    ]);
    await expectSameAsWholeRead(saved('old-compact.json', older, false), saved('new-compact.json', newer, false));
  });

  it('v1 against v1, v1 against v2, and reports of other hvscan versions (the warnings read the hosts)', async () => {
    const laterV1Path = saved('later-v1.json', laterV1());
    const v1Whole = await expectSameAsWholeRead(V1, laterV1Path);
    expect(v1Whole.findings.resolved).toHaveLength(1);
    expect(v1Whole.hosts.drift.map((d) => d.host)).toEqual(['esx-a']);
    const upgraded = { ...readReport(laterV1Path), tool: { name: 'hvscan', version: '9.9.9' } };
    dropFailed(upgraded.hosts[0]!.findings);
    const v2Path = saved('later-v2.json', upgraded);
    const mixed = await expectSameAsWholeRead(V1, v2Path);
    expect(mixed.findings.resolved).toHaveLength(2);
    expect(diffReportFiles(V1, v2Path).warnings).toEqual([
      expect.stringContaining('the reports come from hvscan 0.1.0 and 9.9.9'),
    ]);
  });
});

describe('hvscan diff never holds a whole input', () => {
  const HOSTS = 400;
  const fleet = (build: (i: number) => string, startedAt: string) => fleetReport(HOSTS, build, startedAt);

  it('holds one value at a time (a host entry or the rule catalogue), far less than either report', () => {
    const older = fleet(() => '21495797', '2026-11-01T02:00:00.000Z');
    const newer = fleet((i) => (i % 100 === 0 ? '24022510' : '21495797'), '2026-11-08T02:00:00.000Z');
    newer.hosts[0]!.findings = [];
    const [oldPath, newPath] = [saved('fleet-old.json', older), saved('fleet-new.json', newer)];
    const { diff, largestHeld } = diffReportFiles(oldPath, newPath);
    expect(diff).toEqual(diffReports(readReport(oldPath), readReport(newPath)));
    expect(diff.hosts.drift.map((d) => d.host)).toEqual(['esx0', 'esx100', 'esx200', 'esx300']);
    const largestValue = Math.max(
      ...[older, newer].flatMap((r) => [
        JSON.stringify(r.rules).length,
        ...r.hosts.map((h) => JSON.stringify(h).length),
      ]),
    );
    expect(largestHeld).toBeGreaterThan(0);
    expect(largestHeld).toBeLessThanOrEqual(largestValue);
    expect(largestHeld * 100).toBeLessThan(Math.min(statSync(oldPath).size, statSync(newPath).size));
  });
});

describe('hvscan diff names the file it cannot use', () => {
  const good = saved('good.json', report([host({ name: 'esx01' })]));
  const cases: Array<[string, string | undefined, RegExp]> = [
    ['missing.json', undefined, /: cannot read JSON \(ENOENT\)/],
    [
      'truncated.json',
      JSON.stringify(report([host({ name: 'esx01' })])).slice(0, 500),
      /: not a JSON object as expected/,
    ],
    ['array.json', '[1, 2]', /: not a JSON object as expected \(the document does not start with \{\)/],
    ['not-a-report.json', '{"schemaVersion": 2, "hosts": 3}', /: not a valid hvscan report: /],
    [
      'bad-host.json',
      JSON.stringify({ ...report([host({ name: 'esx01' })]), hosts: [{ name: 'x' }] }),
      /: not a valid hvscan report: hosts\.0: /,
    ],
  ];
  it.each(cases)('%s, as the old or the new report: exit 2 and a one-line error naming it', async (name, text, why) => {
    const path = text === undefined ? join(dir, name) : write(name, text);
    for (const args of [
      [path, good],
      [good, path],
    ]) {
      const r = await cli(['diff', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`hvscan: ${path}`)).toBe(true);
      expect(r.stderr).toMatch(why);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
