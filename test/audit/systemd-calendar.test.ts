import { execFileSync, spawnSync } from 'node:child_process';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { CronTranslationError, cronToOnCalendar } from '../../src/audit/systemd.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTs, spawnTs, waitForStderr } from '../core/run-cli.js';

const BASE = '2026-01-01T00:00:00Z';
const RUNS = 8;

/** The next RUNS elapses of an OnCalendar= value after BASE, as systemd computes them (throws when systemd rejects it). */
function systemdElapses(onCalendar: string): string[] {
  const out = execFileSync(
    'systemd-analyze',
    ['calendar', `--iterations=${RUNS}`, `--base-time=${BASE.replace('T', ' ').replace('Z', ' UTC')}`, onCalendar],
    { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8' },
  );
  return [...out.matchAll(/(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/g)].map(
    (m) => `${m[1]!.replace(' ', 'T')}.000Z`,
  );
}

function cronRuns(cron: string, timezone?: string): string[] {
  const job = new Cron(cron, { timezone, paused: true });
  const runs = job.nextRuns(RUNS, new Date(BASE)).map((d) => d.toISOString());
  job.stop();
  return runs;
}

describe('cron → systemd OnCalendar=', () => {
  it.each([
    ['0 2 * * *', undefined],
    ['*/15 * * * *', undefined],
    ['30 1 * * *', 'Europe/Berlin'],
    ['0 3 * * 1-5', undefined],
    ['0 0 * * 0', undefined],
    ['0 0 * * 7', undefined],
    ['0 0 * * 0-2', undefined],
    ['0 4 * * SAT,SUN', undefined],
    ['30 */6 1,15 * *', undefined],
    ['0 0 1 JAN-MAR *', undefined],
    ['5-20/5 8-17 * * MON-FRI', 'America/New_York'],
    ['@weekly', undefined],
    ['@hourly', undefined],
    ['*/30 * * * * *', undefined],
  ])('%s (%s) is accepted by systemd-analyze and fires at the same times as cron', (cron, tz) => {
    const value = cronToOnCalendar(cron, tz);
    expect(value).not.toMatch(/daily/);
    const systemd = systemdElapses(value);
    expect(systemd).toHaveLength(RUNS);
    expect(systemd).toEqual(cronRuns(cron, tz));
  });

  it.each([
    ['0 2 1 * 1', 'day of month OR the weekday'],
    ['0 2 * * 1/2', 'weekday "1/2"'],
    ['0 2 L * *', 'day of month "L"'],
    ['0 2 * * 5#3', 'weekday "5#3"'],
  ])('%s has no exact equivalent and is refused', (cron, reason) => {
    expect(() => cronToOnCalendar(cron)).toThrow(CronTranslationError);
    expect(() => cronToOnCalendar(cron)).toThrow(reason);
  });
});

describe('hvscan schedule', () => {
  const base = ['schedule', '-c', 'config.json', '--history', '/tmp/hvscan-history'];

  it('exits 2 for a cron expression with a missing field, before reading the config', async () => {
    const run = await runTs([...base, '--cron', '0 2 * *', '--print-systemd']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cron "0 2 \* \*": .*five or six/);
  });

  it('--print-systemd prints a timer systemd accepts, never "daily" for */15, or exits 2 when there is no equivalent', async () => {
    const run = await runTs([...base, '--cron', '*/15 * * * *', '--print-systemd']);
    expect(run.code, run.stderr).toBe(0);
    const value = /^OnCalendar=(.*)$/m.exec(run.stdout)![1]!;
    expect(value).toBe('*-*-* *:00/15:00');
    expect(spawnSync('systemd-analyze', ['calendar', value]).status).toBe(0);

    const refused = await runTs([...base, '--cron', '0 2 1 * 1', '--print-systemd']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no exact systemd OnCalendar=');
    expect(refused.stdout).toBe('');
  });
});

describe('an idle schedule stopped by SIGTERM', () => {
  it('says it stops while idle, not that it writes a partial report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-sched-'));
    try {
      const config = join(dir, 'config.json');
      writeFileSync(
        config,
        JSON.stringify({
          targets: [{ name: 'esx01', platform: 'esxi', host: '127.0.0.1', username: 'root', passwordEnv: 'PW' }],
        }),
      );
      const { child, finished } = spawnTs(
        ['schedule', '-c', config, '--history', join(dir, 'history'), '--cron', '0 0 1 1 *'],
        { env: { PW: 'x' } },
      );
      await waitForStderr(child, /schedule: next audit at/);
      child.kill('SIGTERM');
      const run = await finished;
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('SIGTERM received; stopping the schedule (idle: no audit running)');
      expect(run.stderr).toContain('while idle; no audit was running');
      expect(run.stderr).not.toMatch(/partial report/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
