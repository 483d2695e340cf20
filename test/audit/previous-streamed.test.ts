import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { describe, expect, it } from 'vitest';
import { History } from '../../src/audit/history.js';
import { runAudit } from '../../src/audit/run.js';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { jsonAt, jsonMembers } from '../../src/report/json-members.js';
import { jsonChunks } from '../../src/report/json.js';
import { readReport } from '../../src/report/read.js';
import { streamReport } from '../../src/report/read-streamed.js';
import { fleetReport } from './report-fixture.js';

const HOSTS = 400;
/** What the reads of the previous report may hold at once: far less than the report (about 1.7 MiB here). */
const BUDGET_CHARS = 128 * 1024;
const day = 86_400_000;

const fleet = (build: (i: number) => string, startedAt: string) => fleetReport(HOSTS, build, startedAt);

describe('the audit reads the previous report host by host', () => {
  it('diffs against a previous report larger than the read budget, holding one host entry at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-stream-'));
    const common = {
      historyDir: dir,
      keepMs: 30 * day,
      signal: new AbortController().signal,
      logger: winston.createLogger({ silent: true }),
    };
    await runAudit({
      ...common,
      collect: async () => ({ report: fleet(() => '21495797', '2026-11-01T02:00:00.000Z'), exitCode: 0 }),
      now: () => new Date('2026-11-01T02:00:10Z'),
    });

    const history = new History(dir);
    const previous = history.previousReport(history.readIndex())!;
    const path = join(dir, previous.entry.dir, 'report.json');
    expect(statSync(path).size).toBeGreaterThan(8 * BUDGET_CHARS);
    expect([...previous.report.hosts()]).toHaveLength(HOSTS);
    expect(previous.report.held.largest).toBeLessThan(BUDGET_CHARS);
    // What the streamed read gives is what the whole read gives.
    const whole = readReport(path);
    expect({ ...previous.report.frame, hosts: [...previous.report.hosts()] }).toEqual(whole);

    // Every 100th host was patched and one finding resolved: the diff pairs the hosts by name across both reports.
    const newer = fleet((i) => (i % 100 === 0 ? '24022510' : '21495797'), '2026-11-08T02:00:00.000Z');
    newer.hosts[0]!.findings = [];
    const run = await runAudit({
      ...common,
      collect: async () => ({ report: newer, exitCode: 0 }),
      now: () => new Date('2026-11-08T02:00:10Z'),
    });
    const diff = ReportDiff.parse(JSON.parse(readFileSync(join(run.runDir, 'diff.json'), 'utf8')));
    expect(diff.hosts.drift.map((d) => d.host)).toEqual(['esx0', 'esx100', 'esx200', 'esx300']);
    expect(diff.hosts.drift[0]!.changes).toEqual([
      expect.objectContaining({ path: 'product.build', before: '21495797', after: '24022510' }),
    ]);
    expect(diff.findings.resolved.map((f) => f.id)).toEqual(['ssh-0']);
    expect(diff.findings.stillOpen).toHaveLength(HOSTS / 50 - 1);
    expect(diff.hosts.appeared).toEqual([]);
    expect(diff.hosts.disappeared).toEqual([]);
  });

  it('a damaged previous report is refused before any host is used, naming the file and the host entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-stream-bad-'));
    const path = join(dir, 'report.json');
    const saved = fleet(() => '21495797', '2026-11-01T02:00:00.000Z');
    (saved.hosts[7] as { status: string }).status = 'splendid';
    writeFileSync(path, [...jsonChunks(saved)].join(''));
    expect(() => streamReport(path)).toThrow(`${path}: not a valid hvscan report: hosts.7: status:`);
  });
});

describe('jsonMembers', () => {
  /** The members, each element's place checked by reading it again from there (the place itself left out). */
  const members = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'hvscan-members-')), 'doc.json');
    writeFileSync(path, text);
    return [...jsonMembers(path, 'hosts')].map((member) => {
      if (member.kind === 'member') return member;
      const { at, ...element } = member;
      expect(jsonAt(path, at)).toEqual(element.value);
      expect(
        Buffer.from(text)
          .subarray(at.offset, at.offset + at.length)
          .toString()
          .trim(),
      ).toBe(JSON.stringify(element.value, null, 2).replace(/\n/g, '\n    '));
      return element;
    });
  };

  it('gives each member and each element of the named array, across chunk boundaries and escapes', () => {
    // Strings longer than a read chunk, with escaped quotes, brackets and braces inside, straddle the reads.
    const long = `a"\\]}{[,${'x'.repeat(70_000)}\u00e9\u{1F600}`;
    const doc = {
      schemaVersion: 2,
      note: long,
      hosts: [{ name: long, n: [1, { a: [] }] }, 'plain', 3, null, []],
      empty: [],
      tail: { k: 'v' },
    };
    expect(members(JSON.stringify(doc, null, 2))).toEqual([
      { kind: 'member', key: 'schemaVersion', value: 2 },
      { kind: 'member', key: 'note', value: long },
      ...doc.hosts.map((value) => ({ kind: 'element', key: 'hosts', value })),
      { kind: 'member', key: 'empty', value: [] },
      { kind: 'member', key: 'tail', value: { k: 'v' } },
    ]);
    expect(members('{"hosts":[]}')).toEqual([]);
  });

  it('refuses what is not one JSON object, naming the file', () => {
    for (const text of ['[1]', '{"a":1', '{"a":1}x', '{"hosts":[{"a":}]}', '{"a" 1}'])
      expect(() => members(text), text).toThrow(/doc\.json: not a JSON object as expected/);
  });
});
