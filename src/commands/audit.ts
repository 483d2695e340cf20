import type { Command } from 'commander';
import { choiceOption } from './options.js';
import type { CliContext, CommandHandler } from './command.js';
import { parseKeep } from '../audit/keep.js';
import { runAudit } from '../audit/run.js';
import { loadConfig } from '../core/config/load.js';
import { commandLogger, closeLogger } from '../core/log/index.js';
import { Severity } from '../core/model/index.js';
import { FAIL_ON, type FailOn } from '../scan/exit-code.js';
import { scan } from './scan.js';

export interface AuditCommandOptions {
  config: string;
  history: string;
  keep: string;
  failOn: FailOn;
  failOnNew?: Severity;
  logLevel?: unknown;
  logFile?: unknown;
  /** --quiet: errors only, no result line. */
  quiet?: boolean;
  color?: unknown;
}

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file')
    .requiredOption('--history <dir>', 'history folder: one sub-folder per run plus index.json')
    .option('--keep <duration>', 'prune runs older than this (e.g. 90d, 12w, 36h)', '90d')
    .addOption(choiceOption('--fail-on <severity>', 'exit 3 when a finding is at or above this severity', FAIL_ON).default('high'))
    .addOption(choiceOption('--fail-on-new <severity>', 'exit 3 only for findings that are new since the previous run, at or above this severity', Severity.options));
  command.addHelpText(
    'after',
    `
Examples:
  hvscan audit -c /etc/hvscan/config.json --history /var/lib/hvscan
  hvscan audit -c config.json --history /var/lib/hvscan --keep 12w --fail-on-new high   for cron mail: exit 3 on new findings`,
  );
  return (input, context) =>
    audit(
      {
        config: input.options.config as string,
        history: input.options.history as string,
        keep: input.options.keep as string,
        failOn: input.options.failOn as FailOn,
        failOnNew: input.options.failOnNew as Severity | undefined,
        logLevel: input.options.logLevel,
        logFile: input.options.logFile,
        quiet: input.options.quiet === true,
        color: input.options.color,
      },
      context,
    );
}

/** One audit run; `signal` lets the scheduler abandon it (the partial report is still written). */
export async function audit(options: AuditCommandOptions, context: CliContext, signal: AbortSignal = context.signal): Promise<number> {
  const keepMs = parseKeep(options.keep);
  const loaded = loadConfig(options.config);
  const { config } = loaded;
  const logger = commandLogger(options, context, { level: config.log?.level, file: config.log?.file });
  try {
    const result = await runAudit({
      historyDir: options.history,
      keepMs,
      failOnNew: options.failOnNew,
      signal,
      logger,
      webhook: config.notify?.webhook,
      failOnWebhookError: config.notify?.webhook?.failOnError,
      // The hosts wait in the scan's spool and the run is written from it: the audit holds no host, as the scan does not.
      collect: (abort, withHosts) =>
        scan(
          { config: options.config, loaded, failOn: options.failOn, progress: false, logLevel: options.logLevel, logFile: options.logFile, quiet: options.quiet, color: options.color, writeOutputs: false, retainHosts: false, withHosts },
          { ...context, signal: abort },
        ),
    });
    if (!options.quiet) context.stdout.write(`audit: ${result.runDir}${result.diff ? ` (${result.diff.findings.new.length} new, ${result.diff.findings.resolved.length} resolved findings)` : ' (first run)'}\n`);
    return result.exitCode;
  } finally {
    await closeLogger(logger);
  }
}
