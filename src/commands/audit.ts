import type { Command } from 'commander';
import { z } from 'zod';
import { choice, choiceOption, GlobalOptions, textAs } from './options.js';
import type { CliContext, CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { keepFrom, type Keep } from '../audit/keep.js';
import { runAudit } from '../audit/run.js';
import { loadConfig } from '../core/config/load.js';
import { commandLogger, closeLogger } from '../core/log/index.js';
import { Severity } from '../core/model/index.js';
import { FAIL_ON, type FailOn } from '../scan/exit-code.js';
import { scan } from './scan.js';

/** --keep's value (schedule takes it too). */
export const keep = textAs('expected a duration such as 90d, 12w or 36h', keepFrom);

const AuditOptions = GlobalOptions.extend({
  config: z.string(),
  history: z.string(),
  keep,
  failOn: choice(FAIL_ON),
  failOnNew: choice(Severity.options).optional(),
});

export interface AuditCommandOptions extends Pick<GlobalOptions, 'logLevel' | 'logFile' | 'color'> {
  config: string;
  history: string;
  keep: Keep;
  failOn: FailOn;
  failOnNew?: Severity;
  /** --quiet: errors only, no result line. */
  quiet?: boolean;
}

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file')
    .requiredOption('--history <dir>', 'history folder: one sub-folder per run plus index.json')
    .option('--keep <duration>', 'prune runs older than this (e.g. 90d, 12w, 36h)', '90d')
    .addOption(
      choiceOption('--fail-on <severity>', 'exit 3 when a finding is at or above this severity', FAIL_ON).default(
        'high',
      ),
    )
    .addOption(
      choiceOption(
        '--fail-on-new <severity>',
        'exit 3 only for findings that are new since the previous run, at or above this severity',
        Severity.options,
      ),
    );
  command.addHelpText(
    'after',
    `
Examples:
  hvscan audit -c /etc/hvscan/config.json --history /var/lib/hvscan
  hvscan audit -c config.json --history /var/lib/hvscan --keep 12w --fail-on-new high   for cron mail: exit 3 on new findings`,
  );
  return typedHandler({ args: z.tuple([]), options: AuditOptions }, ({ options }, context) => audit(options, context));
}

/** One audit run; `signal` lets the scheduler abandon it (the partial report is still written). */
export async function audit(
  options: AuditCommandOptions,
  context: CliContext,
  signal: AbortSignal = context.signal,
): Promise<number> {
  const loaded = loadConfig(options.config);
  const { config } = loaded;
  const logger = commandLogger(options, context, { level: config.log?.level, file: config.log?.file });
  try {
    const result = await runAudit({
      historyDir: options.history,
      keepMs: options.keep.ms,
      failOnNew: options.failOnNew,
      signal,
      logger,
      webhook: config.notify?.webhook,
      failOnWebhookError: config.notify?.webhook?.failOnError,
      // The hosts wait in the scan's spool and the run is written from it: the audit holds no host, as the scan does not.
      collect: (abort, withHosts) =>
        scan(
          {
            config: options.config,
            loaded,
            failOn: options.failOn,
            progress: false,
            logLevel: options.logLevel,
            logFile: options.logFile,
            quiet: options.quiet,
            color: options.color,
            writeOutputs: false,
            retainHosts: false,
            withHosts,
          },
          { ...context, signal: abort },
        ),
    });
    if (!options.quiet)
      context.stdout.write(
        `audit: ${result.runDir}${result.diff ? ` (${result.diff.findings.new.length} new, ${result.diff.findings.resolved.length} resolved findings)` : ' (first run)'}\n`,
      );
    return result.exitCode;
  } finally {
    await closeLogger(logger);
  }
}
