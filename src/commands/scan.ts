import { Option, type Command } from 'commander';
import type { CommandHandler, CliContext } from '../cli.js';
import { loadConfig, resolveTargetPaths, type LoadedConfig } from '../config/load.js';
import { resolveCredentials } from '../config/secrets.js';
import { closeLogger, commandLogger } from '../log/index.js';
import { UserError } from '../errors.js';
import { configDigest } from '../report/build.js';
import { outputsForFormats, outputTargets, parseFormats, SPOOLED_FORMATS, writeReports, type ReportFormat } from '../report/index.js';
import { scratchDirFor, type OutputTarget } from '../report/output-target.js';
import type { ScanReport } from '../report/schema.js';
import { HostSpool } from '../report/spool.js';
import { runScan } from '../scan/engine.js';
import { inShard, parseShard, type Shard } from '../scan/shard.js';
import { ruleEvaluator } from '../scan/evaluate.js';
import { JudgedHosts } from '../scan/judged-hosts.js';
import { ScanEvents } from '../scan/events.js';
import { exitCodeFor, FAIL_ON, type FailOn } from '../scan/exit-code.js';
import { attachProgress } from '../scan/progress.js';

export const DEFAULT_REPORT = 'hvscan-report.json';

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file (see config.example.json)')
    .option('-o, --output <file>', `JSON report path (default: output.json from the config, else ${DEFAULT_REPORT})`)
    .addOption(new Option('--fail-on <severity>', 'exit 3 when a finding is at or above this severity').choices(FAIL_ON).default('high'))
    .option('--format <list>', 'report formats, comma-separated: json, html, csv, sarif, junit, ndjson; each beside the -o path with its own extension (default: the config\'s output section)')
    .option('--no-progress', 'no per-host progress lines on a terminal')
    .option('--shard <i/n>', 'scan only shard i of n (a stable share of the targets, by a hash of their names); hvscan merge joins the shards\' reports');
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
        shard: input.options.shard === undefined ? undefined : parseShard(input.options.shard as string),
        formats: input.options.format === undefined ? undefined : parseFormats(input.options.format as string),
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
  /** `--format`: these formats, beside the JSON path, instead of the config's output section. */
  formats?: ReportFormat[];
  /** Scan only this share of the config's targets. */
  shard?: Shard;
}

/** Load and check everything that can be wrong before the first connection, collect, judge, write. */
export async function scan(options: ScanCommandOptions, context: CliContext): Promise<{ report: ScanReport; exitCode: number; written: string[] }> {
  const { config, file } = options.loaded ?? loadConfig(options.config);
  const defaultLevel = context.isTTY && options.progress !== false ? 'warn' : 'info';
  const logger = commandLogger(options, context, { level: config.log?.level ?? defaultLevel, file: config.log?.file });
  try {
    const { evaluate, catalogue } = await ruleEvaluator(config.rules, file, new Date());
    const events = new ScanEvents();
    if (context.isTTY && options.progress !== false) attachProgress(events, context.stderr);
    const connectorFor = context.connectorFor ?? (await import('../../connectors/index.js')).connectorFor;
    const outputs = options.formats
      ? outputsForFormats(options.formats, options.output ?? config.output.json ?? DEFAULT_REPORT)
      : { ...config.output, json: options.output ?? config.output.json ?? DEFAULT_REPORT, ...(options.html ? { html: options.html } : {}) };
    const targets = options.writeOutputs === false ? new Map<ReportFormat, OutputTarget>() : await outputTargets(outputs);
    const spool = streamedTo(options, targets);
    const judged = new JudgedHosts(evaluate, catalogue, spool);
    logger.info(`scanning ${config.targets.length} target(s), profile ${config.rules.profile}`);
    try {
      const result = await runScan({
        targets: inShard(config.targets, options.shard).map((target) => resolveTargetPaths(target, file)),
        concurrency: config.scan.concurrency,
        timeoutSeconds: config.scan.timeoutSeconds,
        retries: config.scan.retries,
        connectorFor,
        credentialsFor: (target) => resolveCredentials(target, file, context.env),
        logger,
        signal: context.signal,
        events,
        onHosts: (hosts) => hosts.forEach(judged.add),
      });
      const report = { ...judged.report(result, { digest: configDigest(config), profile: config.rules.profile }), ...(options.shard ? { shard: options.shard } : {}) };
      const written = await writeReports(report, targets, spool?.text, context.stdout);
      const exitCode = exitCodeFor(report, options.failOn);
      // A report on stdout keeps stdout to itself; the summary then goes to stderr.
      const summaryTo = written.includes('-') ? context.stderr : context.stdout;
      if (options.writeOutputs !== false) summaryTo.write(summaryText(report, written));
      if (!report.complete) logger.warn('scan interrupted: the report is partial (complete: false)');
      return { report, exitCode, written };
    } finally {
      spool?.close();
    }
  } finally {
    await closeLogger(logger);
  }
}

/** The spool for a scan whose caller needs no hosts back and whose outputs all read spooled entries, else none. */
function streamedTo(options: ScanCommandOptions, targets: ReadonlyMap<ReportFormat, OutputTarget>): HostSpool | undefined {
  if (options.retainHosts !== false || options.writeOutputs === false) return undefined;
  if ([...targets.keys()].some((format) => !SPOOLED_FORMATS.has(format))) return undefined;
  const dir = scratchDirFor([...targets.values()][0]!);
  try {
    return new HostSpool(dir);
  } catch (err) {
    throw new UserError(`output.json: cannot write a temp file in ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
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
