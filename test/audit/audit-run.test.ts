import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryIndex } from '../../src/audit/history.js';
import { acquireLock } from '../../src/audit/lock.js';
import { runAudit } from '../../src/audit/run.js';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { finding, host, report } from './report-fixture.js';

function logger() {
  const capture = { lines: [] as string[] };
  const stream = new Writable({
    write(chunk, _enc, next) {
      capture.lines.push(String(chunk));
      next();
    },
  });
  const format = winston.format.printf((info) => String(info.message));
  return {
    capture,
    logger: winston.createLogger({ level: 'debug', format, transports: [new winston.transports.Stream({ stream })] }),
  };
}

const day = 86_400_000;

describe('runAudit', () => {
  let server: Server;
  const received: unknown[] = [];
  let failWebhook = false;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failWebhook) {
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('appends runs, diffs against the previous one, notifies, prunes and honours --fail-on-new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-'));
    const { logger: log } = logger();
    const first = report([host({ name: 'esx01', findings: [finding({ id: 'ssh' })] })], '2026-11-01T02:00:00.000Z');
    const second = report(
      [
        host({
          name: 'esx01',
          findings: [finding({ id: 'ssh' }), finding({ id: 'mob', severity: 'critical', title: 'MOB enabled' })],
        }),
      ],
      '2026-11-20T02:00:00.000Z',
    );
    process.env.HVSCAN_TEST_HOOK = url;
    const common = {
      historyDir: dir,
      keepMs: 10 * day,
      signal: new AbortController().signal,
      logger: log,
      webhook: { urlEnv: 'HVSCAN_TEST_HOOK', retries: 0 },
    };

    const r1 = await runAudit({
      ...common,
      collect: async () => ({ report: first, exitCode: 3 }),
      now: () => new Date('2026-11-01T02:00:10Z'),
    });
    expect(r1.diff).toBeUndefined();
    expect(r1.exitCode).toBe(3);

    const r2 = await runAudit({
      ...common,
      failOnNew: 'critical',
      collect: async () => ({ report: second, exitCode: 3 }),
      now: () => new Date('2026-11-20T02:00:10Z'),
    });
    expect(r2.exitCode).toBe(3);
    const diff = ReportDiff.parse(JSON.parse(readFileSync(join(r2.runDir, 'diff.json'), 'utf8')));
    expect(diff.findings.new.map((f) => f.id)).toEqual(['mob']);
    expect(readFileSync(join(r2.runDir, 'diff.txt'), 'utf8')).toContain('New findings (1)');
    for (const f of ['report.json', 'report.html', 'findings.csv']) expect(existsSync(join(r2.runDir, f))).toBe(true);
    expect(received).toHaveLength(2);
    expect((received[1] as { newFindings: Array<{ id: string }> }).newFindings.map((f) => f.id)).toEqual(['mob']);

    // The first run is older than --keep (10 days) at the second run's time: pruned from disk and index.
    const index = HistoryIndex.parse(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
    expect(index.runs.map((r) => r.startedAt)).toEqual(['2026-11-20T02:00:00.000Z']);
    expect(r2.pruned).toHaveLength(1);
    expect(readdirSync(join(dir, 'runs'))).toHaveLength(1);
    expect(index.runs[0].changes).toEqual({ newFindings: 1, resolvedFindings: 0, drift: 0 });
  });

  it('diffs against the newest readable run when the latest report file is damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-'));
    const { logger: log } = logger();
    const common = { historyDir: dir, keepMs: 90 * day, signal: new AbortController().signal, logger: log };
    const at = (t: string, ids: string[]) =>
      report([host({ name: 'esx01', findings: ids.map((id) => finding({ id })) })], t);
    await runAudit({
      ...common,
      collect: async () => ({ report: at('2026-11-01T02:00:00.000Z', ['a']), exitCode: 3 }),
    });
    const second = await runAudit({
      ...common,
      collect: async () => ({ report: at('2026-11-02T02:00:00.000Z', ['a', 'b']), exitCode: 3 }),
    });
    writeFileSync(join(second.runDir, 'report.json'), '{"truncated": ');
    const third = await runAudit({
      ...common,
      collect: async () => ({ report: at('2026-11-03T02:00:00.000Z', ['a', 'c']), exitCode: 3 }),
    });
    expect(third.diff?.old.startedAt).toBe('2026-11-01T02:00:00.000Z');
    expect(third.diff?.findings.new.map((f) => f.id)).toEqual(['c']);
  });

  it('--fail-on-new ignores findings that were already open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-'));
    const { logger: log } = logger();
    const same = (t: string) =>
      report([host({ name: 'esx01', findings: [finding({ id: 'ssh', severity: 'critical' })] })], t);
    const common = {
      historyDir: dir,
      keepMs: 90 * day,
      failOnNew: 'high' as const,
      signal: new AbortController().signal,
      logger: log,
    };
    await runAudit({ ...common, collect: async () => ({ report: same('2026-11-01T02:00:00.000Z'), exitCode: 3 }) });
    const r2 = await runAudit({
      ...common,
      collect: async () => ({ report: same('2026-11-02T02:00:00.000Z'), exitCode: 3 }),
    });
    expect(r2.diff?.findings.stillOpen).toHaveLength(1);
    expect(r2.exitCode).toBe(0);
  });

  it('a failing webhook is logged and never blocks the results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-'));
    const { logger: log, capture } = logger();
    failWebhook = true;
    try {
      const r = await runAudit({
        historyDir: dir,
        keepMs: day,
        signal: new AbortController().signal,
        logger: log,
        webhook: { urlEnv: 'HVSCAN_TEST_HOOK', retries: 1 },
        collect: async () => ({ report: report([host({ name: 'a' })], '2026-11-03T02:00:00.000Z'), exitCode: 0 }),
      });
      expect(r.notified).toEqual({ delivered: false, attempts: 2, error: 'HTTP 503' });
      expect(r.exitCode).toBe(0);
      expect(existsSync(join(r.runDir, 'report.json'))).toBe(true);
      expect(capture.lines.filter((l) => l.includes('webhook http://127.0.0.1'))).toHaveLength(2);
      expect(capture.lines.join('\n')).not.toContain('/hook');
    } finally {
      failWebhook = false;
    }
  });

  it('refuses to run beside a live audit and takes over a stale lock with a log line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-audit-'));
    mkdirSync(join(dir, 'runs'), { recursive: true });
    const held = acquireLock(join(dir, '.audit.lock'));
    const { logger: log, capture } = logger();
    const attempt = () =>
      runAudit({
        historyDir: dir,
        keepMs: day,
        signal: new AbortController().signal,
        logger: log,
        collect: async () => ({ report: report([host({ name: 'a' })]), exitCode: 0 }),
      });
    await expect(attempt()).rejects.toThrow(/another audit holds .*\.audit\.lock \(pid \d+/);
    held.release();

    // A lock left by a process that is gone (pid far above pid_max on Linux).
    writeFileSync(
      join(dir, '.audit.lock'),
      JSON.stringify({
        pid: 99_999_999,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    const r = await attempt();
    expect(r.exitCode).toBe(0);
    expect(capture.lines.some((l) => l.includes('took over a stale lock of pid 99999999'))).toBe(true);
    expect(existsSync(join(dir, '.audit.lock'))).toBe(false);
  });
});
