import { Option, type Command } from 'commander';
import type { CommandHandler, CliContext } from '../cli.js';
import { CollectError } from '../../connectors/errors.js';
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load.js';
import { closeLogger, commandLogger } from '../log/index.js';
import type { OutputOptions } from '../config/schema.js';
import { ExitError, UserError } from '../errors.js';
import { onCrash } from '../crash.js';
import { configDigest } from '../report/build.js';
import { REPORT_FORMATS, writeReports } from '../report/index.js';
import type { ScanReport } from '../report/schema.js';
import { HostSpool } from '../report/spool.js';
import { runScan, unfinishedHost } from '../scan/engine.js';
import type { CollectedHost } from '../scan/types.js';
import { JudgedHosts } from '../scan/judged-hosts.js';
import { ScanEvents } from '../scan/events.js';
import { exitCodeFor, FAIL_ON, type FailOn } from '../scan/exit-code.js';
import { allProblems, prepareScan } from '../scan/prepare.js';
import { attachProgress } from '../scan/progress.js';

export const DEFAULT_REPORT = 'hvscan-report.json';

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file (see config.example.json)')
    .option('-o, --output <file>', `JSON report path (default: output.json from the config, else ${DEFAULT_REPORT})`)
    .addOption(new Option('--fail-on <severity>', 'exit 3 when a finding is at or above this severity').choices(FAIL_ON).default('high'))
    .option('--no-progress', 'no per-host progress lines on a terminal')
    .option('--skip-invalid-targets', 'scan the valid targets when some are invalid (each invalid one is a failed host); default: exit 2 before connecting');
  return (input, context) =>
    scan(
      {
        config: input.options.config as string,
        output: input.options.output as string | undefined,
        failOn: input.options.failOn as FailOn,
        progress: input.options.progress !== false,
        logLevel: input.options.logLevel,
        logFile: input.options.logFile,
        retainHosts: false,
        skipInvalidTargets: input.options.skipInvalidTargets === true,
      },
      context,
    ).then((result) => result.exitCode);
}

export interface ScanCommandOptions {
  config: string;
  /** The config as the caller already loaded it from `config` (audit): read once, so both see the same file. */
  loaded?: LoadedConfig;
  output?: string;
  /** Also write the HTML report here (the demo). */
  html?: string;
  failOn: FailOn;
  progress?: boolean;
  logLevel?: unknown;
  logFile?: unknown;
  /** False: build and return the report without writing the configured outputs (`hvscan audit` writes its own). */
  writeOutputs?: boolean;
  /**
   * False: when the JSON report is the only output, each host is parked in a temp file beside it once judged, and the
   * returned report's hosts are stubs (facts null, no findings; the summary is whole). `hvscan scan` does this.
   */
  retainHosts?: boolean;
  /** Targets whose secrets or files fail the pre-connection checks become failed hosts instead of stopping the scan. */
  skipInvalidTargets?: boolean;
}

/** Load and check everything that can be wrong before the first connection, collect, judge, write. */
export async function scan(options: ScanCommandOptions, context: CliContext): Promise<{ report: ScanReport; exitCode: number; written: string[] }> {
  const { config, file } = options.loaded ?? loadConfig(options.config);
  const outputs = { ...config.output, json: options.output ?? config.output.json ?? DEFAULT_REPORT, ...(options.html ? { html: options.html } : {}) };
  // Checked before the log file is opened: a log path that is a FIFO or a directory is refused, not waited on.
  const logFile = (options.logFile as string | undefined) ?? config.log?.file;
  const prepared = await prepareScan(config, file, context.env, options.writeOutputs === false ? undefined : outputs, logFile);
  const invalidTargets = prepared.targets.filter((t) => t.problems.length > 0);
  if (prepared.problems.length > 0 || (invalidTargets.length > 0 && !options.skipInvalidTargets)) {
    throw new ConfigError(options.config, allProblems(prepared));
  }
  const defaultLevel = context.isTTY && options.progress !== false ? 'warn' : 'info';
  const logger = commandLogger(options, context, { level: config.log?.level ?? defaultLevel, file: config.log?.file });
  try {
    for (const { problems } of invalidTargets) problems.forEach((problem) => logger.warn(`skipping invalid target: ${problem}`));
    const checked = new Map(prepared.targets.map((t) => [t.target.name, t]));
    const evaluate = prepared.evaluate!;
    const events = new ScanEvents();
    if (context.isTTY && options.progress !== false) attachProgress(events, context.stderr);
    const connectorFor = context.connectorFor ?? (await import('../../connectors/index.js')).connectorFor;
    const spool = streamedTo(options, outputs);
    const judged = new JudgedHosts(evaluate, spool);
    logger.info(`scanning ${config.targets.length} target(s), profile ${config.rules.profile}`);
    const targets = prepared.targets.map((t) => t.target);
    const reportConfig = { digest: configDigest(config), profile: config.rules.profile };
    const finished = new Map<string, CollectedHost[]>();
    const startedAt = new Date();
    // The hosts judged so far, and every other target as failed: what a crash writes instead of losing them.
    const partialReport = async (): Promise<string[]> => {
      const hosts = targets.flatMap((target) => {
        const done = finished.get(target.name);
        if (done) return done;
        const host = unfinishedHost(target, 'the scan stopped on an internal error before this target finished');
        judged.add(host);
        return [host];
      });
      return writeReports(judged.report({ hosts, complete: false, startedAt, finishedAt: new Date() }, reportConfig), outputs, spool?.text);
    };
    const stopRescue = options.writeOutputs === false ? () => undefined : onCrash(partialReport);
    try {
      const result = await runScan({
        targets,
        concurrency: config.scan.concurrency,
        timeoutSeconds: config.scan.timeoutSeconds,
        retries: config.scan.retries,
        connectorFor,
        credentialsFor: (target) => {
          const { credentials, problems } = checked.get(target.name)!;
          if (problems.length > 0) throw new CollectError('config', problems.join('; '));
          return credentials;
        },
        logger,
        signal: context.signal,
        events,
        onHosts: (hosts, target) => {
          hosts.forEach(judged.add);
          finished.set(target.name, hosts);
        },
      });
      const report = judged.report(result, reportConfig);
      const written = options.writeOutputs === false ? [] : await writeReports(report, outputs, spool?.text);
      const exitCode = exitCodeFor(report, options.failOn);
      if (options.writeOutputs !== false) context.stdout.write(summaryText(report, written));
      if (!report.complete) logger.warn('scan interrupted: the report is partial (complete: false)');
      return { report, exitCode, written };
    } catch (err) {
      // A bug, not a user error: the hosts judged so far are still written before the error ends the process.
      if (!(err instanceof ExitError) && options.writeOutputs !== false) {
        stopRescue();
        const written = await partialReport().catch(() => []);
        if (written.length > 0) context.stderr.write(`hvscan: partial report (complete: false) written: ${written.join(', ')}\n`);
      }
      throw err;
    } finally {
      stopRescue();
      spool?.close();
    }
  } finally {
    await closeLogger(logger);
  }
}

/** The spool for a scan whose caller needs no hosts back and whose only output is the JSON report, else none. */
function streamedTo(options: ScanCommandOptions, outputs: OutputOptions): HostSpool | undefined {
  if (options.retainHosts !== false || options.writeOutputs === false) return undefined;
  if (REPORT_FORMATS.some((format) => format !== 'json' && outputs[format])) return undefined;
  try {
    return new HostSpool(outputs.json!);
  } catch (err) {
    throw new UserError(`output.json: cannot write beside ${outputs.json} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
}

function summaryText(report: ScanReport, written: string[]): string {
  const s = report.summary;
  const bySeverity = Object.entries(s.findingsBySeverity)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  return [
    `hosts: ${s.hosts} (${s.failedHosts} failed, ${s.partialHosts} partial)${report.complete ? '' : ' - interrupted, report incomplete'}`,
    `failed checks: ${bySeverity || 'none'}${s.suppressedFindings ? ` (+${s.suppressedFindings} suppressed)` : ''}`,
    `report: ${written.join(', ')}`,
    '',
  ].join('\n');
}
