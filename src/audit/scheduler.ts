import { Cron } from 'croner';
import type { Logger } from 'winston';
import { UserError } from '../core/errors.js';

export interface ScheduleOptions {
  cron: string;
  timezone?: string;
  /** Runs one audit; receives a signal that fires on shutdown so a running audit can stop and write a partial report. */
  runAudit(signal: AbortSignal): Promise<number>;
  logger: Logger;
}

export interface RunningSchedule {
  nextRun(): Date | null;
  /** An audit is running now. */
  busy(): boolean;
  /** Stops scheduling, aborts a running audit (it still writes its partial report), resolves when it has finished. */
  shutdown(reason: string): Promise<void>;
  /** Resolves after shutdown. */
  done: Promise<void>;
}

/** A cron daemon around the audit with overrun protection: a run that would overlap the previous one is skipped and logged. */
/** Checks a cron expression (and time zone) as the schedule will read it; a UserError names what is wrong. */
export function checkCron(cron: string, timezone?: string): void {
  try {
    new Cron(cron, { timezone, paused: true }).stop();
  } catch (err) {
    throw new UserError(`--cron "${cron}"${timezone ? ` --tz ${timezone}` : ''}: ${(err as Error).message}`);
  }
}

export function startSchedule(options: ScheduleOptions): RunningSchedule {
  const { logger } = options;
  let current: { controller: AbortController; finished: Promise<void> } | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let job: Cron;
  try {
    job = new Cron(
      options.cron,
      {
        timezone: options.timezone,
        protect: (blocked) =>
          logger.warn(
            `schedule: previous audit still running at ${blocked.currentRun()?.toISOString() ?? 'now'}; this run is skipped`,
          ),
        catch: (err) => logger.error(`schedule: audit crashed: ${(err as Error).message}`),
      },
      async () => {
        const controller = new AbortController();
        let finish!: () => void;
        current = { controller, finished: new Promise<void>((r) => (finish = r)) };
        logger.info('schedule: audit starting');
        try {
          const code = await options.runAudit(controller.signal);
          logger.info(
            `schedule: audit finished with exit code ${code}; next run ${job.nextRun()?.toISOString() ?? 'none'}`,
          );
        } finally {
          current = undefined;
          finish();
        }
      },
    );
  } catch (err) {
    throw new UserError(
      `--cron "${options.cron}"${options.timezone ? ` --tz ${options.timezone}` : ''}: ${(err as Error).message}`,
    );
  }
  logger.info(`schedule: next audit at ${job.nextRun()?.toISOString() ?? 'never'}`);
  return {
    nextRun: () => job.nextRun(),
    busy: () => current !== undefined,
    done,
    async shutdown(reason: string) {
      job.stop();
      const running = current;
      if (running) {
        logger.info(`schedule: ${reason}; abandoning the running audit (it writes a partial report)`);
        running.controller.abort(new Error(reason));
        await running.finished;
      } else {
        logger.info(`schedule: ${reason} while idle; no audit was running`);
      }
      logger.info(`schedule: stopped (${reason})`);
      resolveDone();
    },
  };
}
