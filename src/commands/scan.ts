import { tmpdir } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler, CliContext } from './command.js';
import { typedHandler } from './typed.js';
import { CollectError } from '../core/connector/errors.js';
import { ConfigError, loadConfig, resolveTargetPaths, type LoadedConfig } from '../core/config/load.js';
import { onCrash } from '../core/crash.js';
import { closeLogger, commandLogger } from '../core/log/index.js';
import { ExitError, UserError } from '../core/errors.js';
import { configDigest } from '../report/build.js';
import {
  formatsFrom,
  outputsForFormats,
  outputTargets,
  REPORT_FORMATS,
  writeReports,
  type ReportFormat,
} from '../report/index.js';
import { scratchDirFor, type OutputTarget } from '../report/output-target.js';
import type { ScanReport } from '../core/report/schema.js';
import { hostSource, type HostSource } from '../report/host-source.js';
import { HostSpool } from '../report/spool.js';
import { runScan, unfinishedHost } from '../scan/engine.js';
import { inShard, SHARD_LIMIT, shardFrom, type Shard } from '../scan/shard.js';
import { configScope } from '../scan/evaluate.js';
import { allProblems, prepareScan } from '../scan/prepare.js';
import type { CollectedHost } from '../core/report/collected.js';
import { JudgedHosts } from '../scan/judged-hosts.js';
import { ScanEvents } from '../scan/events.js';
import { exitCodeFor, FAIL_ON, type FailOn } from '../scan/exit-code.js';
import { attachProgress } from '../scan/progress.js';
import { renderTable, TableRows } from '../report/table.js';
import { colorWanted } from '../core/terminal.js';
import { didYouMean } from '../core/text/suggest.js';
import type { Config } from '../core/config/schema.js';
import {
  choice,
  choiceListOption,
  choiceOption,
  choices,
  flag,
  GlobalOptions,
  repeatable,
  RULES_DIR_FLAGS,
  seconds,
  TARGET_PLATFORMS,
  textAs,
  texts,
} from './options.js';
import type { LogLevel } from '../core/log/logger.js';
import {
  addTableOptions,
  failedHostLines,
  TableFilterOptions,
  tableOptions,
  tableWanted,
  terminalOptions,
  type TerminalOutput,
} from './table-output.js';

export const DEFAULT_REPORT = 'hvscan-report.json';

/** The values of the options addTargetSelection declares. */
export const TargetSelection = z.object({
  target: texts,
  platform: choices(TARGET_PLATFORMS),
  timeout: seconds.optional(),
});

const ScanOptions = GlobalOptions.extend({
  config: z.string(),
  output: z.string().optional(),
  failOn: choice(FAIL_ON),
  format: textAs(`expected a comma-separated list of table, ${REPORT_FORMATS.join(', ')}`, formatsFrom).optional(),
  /** false: --no-progress. */
  progress: z.boolean(),
  shard: textAs(`expected i/n with 1 <= i <= n <= ${SHARD_LIMIT} (for example 2/3)`, shardFrom).optional(),
  allowUnknown: flag,
  rulesDir: texts,
  skipInvalidTargets: flag,
  ...TargetSelection.shape,
  ...TableFilterOptions.shape,
});

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file (see config.example.json)')
    .option('-o, --output <file>', `JSON report path (default: output.json from the config, else ${DEFAULT_REPORT})`)
    .addOption(
      choiceOption('--fail-on <severity>', 'exit 3 when a finding is at or above this severity', FAIL_ON).default(
        'high',
      ),
    )
    .option(
      '--format <list>',
      "report formats, comma-separated: table (the findings table on stdout, piped too), json, html, csv, sarif, junit, ndjson; each file beside the -o path with its own extension (default: the config's output section)",
    )
    .option('--no-progress', 'no progress line on a terminal')
    .option(
      '--shard <i/n>',
      "scan only shard i of n (a stable share of the targets, by a hash of their names); hvscan merge joins the shards' reports",
    )
    .option('--allow-unknown', 'suppressions naming no known rule or target are warnings, not errors')
    .option(...RULES_DIR_FLAGS, repeatable)
    .option(
      '--skip-invalid-targets',
      'scan the valid targets when some are invalid (each invalid one is a failed host); default: exit 2 before connecting',
    );
  addTargetSelection(command);
  addTableOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  hvscan scan -c config.json                         scan every target, write hvscan-report.json
  hvscan scan -c config.json --target esx-01 --timeout 30
  hvscan scan -c config.json --platform hyperv --severity critical,high --all
  hvscan scan -c config.json --quiet --fail-on medium  for cron: exit code only (see README, Exit codes)
  hvscan scan -c config.json --shard 2/4 -o shard-2.json   one machine's share; hvscan merge joins the shards`,
  );
  return typedHandler({ args: z.tuple([]), options: ScanOptions }, async ({ options: o }, context) => {
    const result = await scan(
      {
        config: o.config,
        output: o.output,
        failOn: o.failOn,
        progress: o.progress,
        logLevel: o.logLevel,
        logFile: o.logFile,
        retainHosts: false,
        skipInvalidTargets: o.skipInvalidTargets,
        shard: o.shard,
        formats: o.format?.files,
        ...terminalOptions(o),
        ...(o.format?.table ? { table: 'always' as const } : {}),
        targets: o.target,
        platforms: o.platform,
        timeoutSeconds: o.timeout,
        allowUnknown: o.allowUnknown,
        ruleDirs: o.rulesDir,
      },
      context,
    );
    return result.exitCode;
  });
}

/** --target, --platform, --timeout: which targets a run collects, and their time budget. */
export function addTargetSelection(command: Command): void {
  command
    .option('--target <name>', 'only this target (repeatable)', repeatable)
    .addOption(choiceListOption('--platform <name>', 'only targets of this platform', TARGET_PLATFORMS))
    .option(
      '--timeout <seconds>',
      'per-host budget for every target (overrides scan.timeoutSeconds and targets[].timeoutSeconds)',
    );
}

export interface ScanCommandOptions extends TerminalOutput {
  /** Only these targets (--target), or only targets of these platforms (--platform). */
  targets?: string[];
  platforms?: string[];
  /** --timeout: every target's budget. */
  timeoutSeconds?: number;
  /** Suppression entries that match no rule or target are warnings, not errors. */
  allowUnknown?: boolean;
  /** --rules-dir: folders of custom rules besides the config's rules.directories. */
  ruleDirs?: string[];
  config: string;
  /** The config as the caller already loaded it from `config` (audit): read once, so both see the same file. */
  loaded?: LoadedConfig;
  output?: string;
  /** Also write the HTML report here (the demo). */
  html?: string;
  failOn: FailOn;
  progress?: boolean;
  logLevel?: LogLevel;
  logFile?: string;
  /** False: build and return the report without writing the configured outputs (`hvscan audit` writes its own). */
  writeOutputs?: boolean;
  /**
   * False: when the JSON report is the only output, each host is parked in a temp file beside it once judged, and the
   * returned report's hosts are stubs (facts null, no findings; the summary is whole). `hvscan scan` does this.
   */
  retainHosts?: boolean;
  /** `--format`: these formats, beside the JSON path, instead of the config's output section. */
  formats?: ReportFormat[];
  /** Scan only this share of the config's targets. */
  shard?: Shard;
  /** Targets whose secrets or files fail the pre-connection checks become failed hosts instead of stopping the scan. */
  skipInvalidTargets?: boolean;
  /**
   * A caller that writes its own outputs (`hvscan audit`, with retainHosts false) reads the judged hosts here, one at a
   * time from the spool, before the spool is removed.
   */
  withHosts?: (report: ScanReport, hosts: HostSource) => Promise<void>;
}

/** Load and check everything that can be wrong before the first connection, collect, judge, write. */
export async function scan(
  options: ScanCommandOptions,
  context: CliContext,
): Promise<{ report: ScanReport; exitCode: number; written: string[] }> {
  const { config, file } = options.loaded ?? loadConfig(options.config);
  const targets = selectTargets(config, options);
  const outputs = options.formats
    ? outputsForFormats(options.formats, options.output ?? config.output.json ?? DEFAULT_REPORT)
    : {
        ...config.output,
        json: options.output ?? config.output.json ?? DEFAULT_REPORT,
        ...(options.html ? { html: options.html } : {}),
      };
  // Everything validate checks, before the log file is opened and before any connection. Suppression warnings wait for
  // the logger.
  const warnings: string[] = [];
  const prepared = await prepareScan(config, file, context.env, {
    outputs: options.writeOutputs === false ? undefined : outputs,
    logFile: options.logFile ?? config.log?.file,
    targets,
    check: {
      scope: configScope(config.targets),
      allowUnknown: options.allowUnknown,
      warn: (line) => warnings.push(line),
    },
    ruleDirs: options.ruleDirs,
  });
  const invalidTargets = prepared.targets.filter((t) => t.problems.length > 0);
  if (prepared.problems.length > 0 || (invalidTargets.length > 0 && !options.skipInvalidTargets)) {
    throw new ConfigError(options.config, allProblems(prepared));
  }
  const checked = new Map(prepared.targets.map((t) => [t.target.name, t]));
  const events = new ScanEvents();
  const showProgress = context.isTTY && options.progress !== false && !options.quiet;
  const progress = showProgress
    ? attachProgress(events, context.stderr, { color: colorWanted(context.stderr, context.env, options) })
    : undefined;
  // On a terminal the progress line and the table say what info lines would; --log-level brings them back.
  const logger = commandLogger(
    options,
    context,
    { level: config.log?.level ?? (context.isTTY ? 'warn' : 'info'), file: config.log?.file },
    progress?.above,
  );
  try {
    warnings.forEach((line) => logger.warn(line));
    for (const { problems } of invalidTargets)
      problems.forEach((problem) => logger.warn(`skipping invalid target: ${problem}`));
    const { evaluate, catalogue } = prepared.evaluator!;
    const connectorFor = context.connectorFor ?? (await import('../../connectors/index.js')).connectorFor;
    const destinations =
      options.writeOutputs === false ? new Map<ReportFormat, OutputTarget>() : await outputTargets(outputs);
    const spool = streamedTo(options, destinations);
    const table = tableWanted(options, context) ? new TableRows(options.filter) : undefined;
    const judged = new JudgedHosts(evaluate, catalogue, spool, table?.add);
    logger.info(`scanning ${targets.length} target(s), profile ${config.rules.profile}`);
    const scanned = inShard(targets, options.shard).map((target) =>
      resolveTargetPaths(options.timeoutSeconds ? { ...target, timeoutSeconds: options.timeoutSeconds } : target, file),
    );
    const reportConfig = { digest: configDigest(config), profile: config.rules.profile };
    const handedOn = new Map<string, CollectedHost[]>();
    const finished = new Set<string>();
    const startedAt = new Date();
    // The hosts judged so far, and every unfinished target as failed: what a crash writes instead of losing them.
    const partialReport = async (): Promise<string[]> => {
      const hosts = scanned.flatMap((target) => {
        const done = handedOn.get(target.name) ?? [];
        if (finished.has(target.name)) return done;
        const host = unfinishedHost(target, 'the scan stopped on an internal error before this target finished');
        judged.add(host);
        return [...done, host];
      });
      const report = {
        ...judged.report({ hosts, complete: false, startedAt, finishedAt: new Date() }, reportConfig),
        ...(options.shard ? { shard: options.shard } : {}),
      };
      return writeReports(report, destinations, spool?.text, context.stdout);
    };
    const stopRescue = options.writeOutputs === false ? () => undefined : onCrash(partialReport);
    try {
      const result = await runScan({
        targets: scanned,
        concurrency: config.scan.concurrency,
        timeoutSeconds: options.timeoutSeconds ?? config.scan.timeoutSeconds,
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
        onHost: (host, target) => {
          judged.add(host);
          const hosts = handedOn.get(target.name) ?? [];
          hosts.push(host);
          handedOn.set(target.name, hosts);
        },
        onTargetDone: (target) => finished.add(target.name),
      });
      progress?.stop();
      const report = { ...judged.report(result, reportConfig), ...(options.shard ? { shard: options.shard } : {}) };
      const written = await writeReports(report, destinations, spool?.text, context.stdout);
      await options.withHosts?.(report, hostSource(report, spool?.text));
      const exitCode = exitCodeFor(report, options.failOn);
      // A report on stdout keeps stdout to itself; the table and summary then go to stderr.
      const summaryTo = written.includes('-') ? context.stderr : context.stdout;
      if (options.writeOutputs !== false && !options.quiet) {
        if (table)
          summaryTo.write(`\n${renderTable(table.rows, tableOptions(options, context, 'hvscan scan … --all'))}\n`);
        summaryTo.write(summaryText(report, written));
      }
      if (!report.complete) logger.warn('scan interrupted: the report is partial (complete: false)');
      return { report, exitCode, written };
    } catch (err) {
      // A bug, not a user error: the hosts judged so far are still written before the error ends the process.
      if (!(err instanceof ExitError) && options.writeOutputs !== false) {
        stopRescue();
        const written = await partialReport().catch(() => []);
        if (written.length > 0)
          context.stderr.write(`hvscan: partial report (complete: false) written: ${written.join(', ')}\n`);
      }
      throw err;
    } finally {
      stopRescue();
      spool?.close();
    }
  } finally {
    progress?.stop();
    await closeLogger(logger);
  }
}

/** The configured targets --target and --platform select; a name that is no target is a usage error. */
function selectTargets(config: Config, options: ScanCommandOptions): Config['targets'] {
  const names = config.targets.map((t) => t.name);
  const unknown = (options.targets ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new UserError(
      unknown
        .map((name) => `--target ${JSON.stringify(name)}: no such target in the config${didYouMean(name, names)}`)
        .join('\n'),
    );
  }
  const selected = config.targets.filter(
    (t) =>
      (!options.targets || options.targets.includes(t.name)) &&
      (!options.platforms || options.platforms.includes(t.platform)),
  );
  if (selected.length === 0)
    throw new UserError(`--platform ${options.platforms!.join(',')}: no target in the config has this platform`);
  return selected;
}

/** The spool for a scan whose caller needs no hosts back (every writer reads the hosts back from it), else none. */
function streamedTo(
  options: ScanCommandOptions,
  targets: ReadonlyMap<ReportFormat, OutputTarget>,
): HostSpool | undefined {
  if (options.retainHosts !== false) return undefined;
  const first = [...targets.values()][0];
  const dir = first ? scratchDirFor(first) : tmpdir();
  try {
    return new HostSpool(dir);
  } catch (err) {
    throw new UserError(
      `output.json: cannot write a temp file in ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err },
    );
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
    ...failedHostLines(report),
    `failed checks: ${bySeverity || 'none'}${s.suppressedFindings ? ` (+${s.suppressedFindings} suppressed)` : ''}`,
    `report: ${written.join(', ')}`,
    '',
  ].join('\n');
}
