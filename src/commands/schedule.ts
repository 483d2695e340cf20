import { resolve } from 'node:path';
import { type Command } from 'commander';
import { z } from 'zod';
import { choice, choiceOption, flag, GlobalOptions } from './options.js';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { checkCron, startSchedule } from '../audit/scheduler.js';
import { sayOnInterrupt } from '../core/interrupt.js';
import { UserError } from '../core/errors.js';
import { CronTranslationError, cronToOnCalendar, systemdUnits } from '../audit/systemd.js';
import { loadConfig } from '../core/config/load.js';
import { closeLogger, commandLogger } from '../core/log/index.js';
import { FAIL_ON } from '../scan/exit-code.js';
import { audit, keep } from './audit.js';

const ScheduleOptions = GlobalOptions.extend({
  config: z.string(),
  history: z.string(),
  cron: z.string(),
  tz: z.string().optional(),
  keep,
  failOn: choice(FAIL_ON),
  printSystemd: flag,
});

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file')
    .requiredOption('--history <dir>', 'history folder (see hvscan audit)')
    .option('--cron <expression>', 'when to run (cron, 5 or 6 fields)', '0 2 * * *')
    .option('--tz <zone>', 'IANA time zone of the cron expression, e.g. Europe/Berlin')
    .option('--keep <duration>', 'prune runs older than this', '90d')
    .addOption(choiceOption('--fail-on <severity>', 'passed to each audit', FAIL_ON).default('high'))
    .option('--print-systemd', 'print a systemd service and timer for the same job, then exit');
  command.addHelpText(
    'after',
    `
Examples:
  hvscan schedule -c config.json --history /var/lib/hvscan --cron "0 2 * * *" --tz Europe/Berlin
  hvscan schedule -c config.json --history /var/lib/hvscan --cron "*/15 * * * *" --print-systemd
  hvscan schedule -c config.json --history /var/lib/hvscan --cron "0 3 * * 1-5"   weekdays at 03:00`,
  );
  return typedHandler({ args: z.tuple([]), options: ScheduleOptions }, async ({ options: o }, context) => {
    checkCron(o.cron, o.tz);
    if (o.printSystemd) {
      const units = systemdUnits({
        configPath: resolve(o.config),
        historyDir: resolve(o.history),
        keep: o.keep.text,
        onCalendar: onCalendar(o.cron, o.tz),
      });
      context.stdout.write(
        `# /etc/systemd/system/hvscan-audit.service\n${units.service}\n# /etc/systemd/system/hvscan-audit.timer\n${units.timer}`,
      );
      return 0;
    }
    const { config } = loadConfig(o.config);
    const logger = commandLogger(o, context, { level: config.log?.level ?? 'info', file: config.log?.file });
    try {
      const schedule = startSchedule({
        cron: o.cron,
        timezone: o.tz,
        logger,
        runAudit: (signal) => audit(o, context, signal),
      });
      // SIGINT/SIGTERM reach the CLI as context.signal: stop scheduling and let a running audit write its partial report.
      sayOnInterrupt(() =>
        schedule.busy()
          ? 'stopping the schedule; the running audit writes a partial report'
          : 'stopping the schedule (idle: no audit running)',
      );
      context.signal.addEventListener('abort', () => void schedule.shutdown('signal received'), { once: true });
      await schedule.done;
      return 0;
    } finally {
      await closeLogger(logger);
    }
  });
}

/** The OnCalendar= value for the cron expression, or exit 2 saying why there is none. */
function onCalendar(cron: string, timezone?: string): string {
  try {
    return cronToOnCalendar(cron, timezone);
  } catch (err) {
    if (err instanceof CronTranslationError)
      throw new UserError(`--cron "${cron}": no exact systemd OnCalendar= for it: ${err.message}`);
    throw err;
  }
}
