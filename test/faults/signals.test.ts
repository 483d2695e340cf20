import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { runScan } from '../../src/scan/engine.js';
import { scriptedConnector } from '../core/fake-connectors.js';
import { esxTarget, expectValidReport, memoryLogger } from '../core/helpers.js';
import { runTs, spawnTs, waitForStderr } from '../core/run-cli.js';

/** Rejections nobody handled while a test ran: each one would crash the CLI with a raw stack and no report. */
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
});

describe('a signal at the wrong moment', () => {
  it('handles the rejection of a connector that starts after the scan was interrupted (no unhandled rejection)', async () => {
    const controller = new AbortController();
    const { logger, redactor } = memoryLogger();
    // The interrupt lands while the connector module is loading, so collect() is called with an aborted signal and
    // rejects at once: before the fix, untilAborted returned without attaching a handler to that rejection.
    const connector = scriptedConnector(async (_target, context) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new CollectError('aborted', `aborted: ${context.signal.aborted}`);
    });
    const result = await runScan({
      targets: [esxTarget('esx1')],
      concurrency: 1,
      timeoutSeconds: 30,
      retries: 0,
      connectorFor: async () => {
        controller.abort();
        return connector;
      },
      credentialsFor: (target) => ({ username: target.username, password: 'pw' }),
      logger,
      redactor,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(result.hosts).toMatchObject([{ name: 'esx1', status: 'failed', errors: [{ step: 'aborted' }] }]);
    expect(result.complete).toBe(false);
  });
});

describe('a crash mid-scan', () => {
  it.each([
    ['an unhandled rejection', 'reject'],
    ['an uncaught exception', 'throw'],
  ])(
    '%s exits 1 through the redactor and writes the hosts already judged as a partial report',
    async (_what, kind) => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-crash-'));
      const targets = ['ok1', `${kind}1`, 'slow1'].map((name) => ({
        name,
        platform: 'esxi',
        host: `${name}.lab`,
        username: 'root',
        passwordEnv: 'PW',
      }));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ targets, scan: { concurrency: 1 } }));
      const report = join(dir, 'report.json');
      const result = await runTs(['scan', '-c', join(dir, 'config.json'), '-o', report], {
        entry: 'test/core/fake-cli.ts',
        env: { PW: 'pw-crash-secret' },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('hvscan: internal error: ');
      expect(result.stderr).toContain(`partial report (complete: false) written: ${report}`);
      expect(`${result.stderr}${readFileSync(report, 'utf8')}`).not.toContain('pw-crash-secret');
      const written = expectValidReport(JSON.parse(readFileSync(report, 'utf8')));
      expect(written.complete).toBe(false);
      expect(written.hosts.map((h) => [h.name, h.status, h.errors[0]?.step])).toEqual([
        ['ok1', 'ok', undefined],
        [`${kind}1`, 'failed', 'aborted'],
        ['slow1', 'failed', 'aborted'],
      ]);
      expect(written.hosts[0]!.findings.length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('SIGINT and SIGTERM at once after start', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s as the scan starts gives a partial report and no stack trace',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-early-signal-'));
      const targets = Array.from({ length: 20 }, (_, i) => ({
        name: `t${i}`,
        platform: 'esxi',
        host: `slow${i}.lab`,
        username: 'root',
        passwordEnv: 'PW',
      }));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ targets, scan: { concurrency: 8, timeoutSeconds: 1 } }));
      const report = join(dir, 'report.json');
      const run = spawnTs(['scan', '-c', join(dir, 'config.json'), '-o', report], {
        entry: 'test/core/fake-cli.ts',
        env: { PW: 'pw' },
      });
      await waitForStderr(run.child, /scanning 20 target/);
      run.child.kill(signal);
      const result = await run.finished;
      expect(result.code).toBe(4);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const written = expectValidReport(JSON.parse(readFileSync(report, 'utf8')));
      expect(written.complete).toBe(false);
      expect(written.hosts).toHaveLength(20);
    },
    60_000,
  );
});
