import { Writable } from 'node:stream';
import winston from 'winston';
import { describe, expect, it } from 'vitest';
import { startSchedule } from '../../src/audit/scheduler.js';
import { cronToOnCalendar, systemdUnits } from '../../src/audit/systemd.js';

function logger() {
  const lines: string[] = [];
  const stream = new Writable({ write: (c, _e, next) => (lines.push(String(c)), next()) });
  return {
    lines,
    logger: winston.createLogger({
      format: winston.format.printf((i) => String(i.message)),
      transports: [new winston.transports.Stream({ stream })],
    }),
  };
}

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('startSchedule', () => {
  it('runs audits on a per-second cron, skips overlapping runs, and on shutdown aborts the running audit and stops', async () => {
    const { lines, logger: log } = logger();
    let started = 0;
    let abortedWhileRunning = 0;
    const schedule = startSchedule({
      cron: '* * * * * *',
      logger: log,
      runAudit: (signal) =>
        new Promise<number>((resolve) => {
          started++;
          // The first run outlasts the 1 s period, so the next tick finds it busy; the second never ends by itself.
          const timer = started === 1 ? setTimeout(() => resolve(0), 1500) : undefined;
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            abortedWhileRunning++;
            resolve(130);
          });
        }),
    });
    expect(schedule.nextRun()).toBeInstanceOf(Date);
    await until(() => started >= 2);
    await until(() => lines.some((l) => l.includes('previous audit still running')));
    await schedule.shutdown('SIGTERM');
    await schedule.done;
    const count = started;
    await new Promise((r) => setTimeout(r, 1300));
    expect(started).toBe(count);
    expect(schedule.nextRun()).toBeNull();
    expect(lines.at(-1)).toContain('schedule: stopped (SIGTERM)');
    expect(count).toBe(2);
    expect(abortedWhileRunning).toBe(1);
    expect(lines.some((l) => l.includes('abandoning the running audit'))).toBe(true);
  }, 20_000);

  it('rejects a bad cron expression naming the flag', () => {
    const { logger: log } = logger();
    expect(() => startSchedule({ cron: 'not a cron', logger: log, runAudit: async () => 0 })).toThrow(
      /--cron "not a cron"/,
    );
  });
});

describe('systemd units', () => {
  it('emit a persistent, randomized timer and a oneshot service', () => {
    const units = systemdUnits({
      configPath: '/etc/hvscan/config.json',
      historyDir: '/var/lib/hvscan',
      keep: '90d',
      onCalendar: cronToOnCalendar('0 2 * * *'),
    });
    expect(units.timer).toMatch(/OnCalendar=\*-\*-\* 02:00:00/);
    expect(units.timer).toContain('Persistent=true');
    expect(units.timer).toMatch(/RandomizedDelaySec=/);
    expect(units.service).toContain(
      'ExecStart=/usr/bin/env hvscan audit -c /etc/hvscan/config.json --history /var/lib/hvscan --keep 90d',
    );
    expect(units.service).toContain('SuccessExitStatus=3');
    expect(cronToOnCalendar('30 1 * * *', 'Europe/Berlin')).toBe('*-*-* 01:30:00 Europe/Berlin');
  });
});
