import type { Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler, CliContext } from './command.js';
import { typedHandler } from './typed.js';
import { loadConfig } from '../core/config/load.js';
import { RULE_PROFILE_NAMES, type RulesOptions } from '../core/config/schema.js';
import { UserError } from '../core/errors.js';
import { HostFacts } from '../core/model/index.js';
import { configDigest } from '../report/build.js';
import { outputTargets, writeReports } from '../report/index.js';
import { jsonChunks } from '../report/json.js';
import { issueText, parseReport, readJsonFile } from '../report/read.js';
import type { ScanReport } from '../core/report/schema.js';
import { configScope, ruleEvaluator } from '../scan/evaluate.js';
import { JudgedHosts } from '../scan/judged-hosts.js';
import { exitCodeFor, FAIL_ON } from '../scan/exit-code.js';
import type { CollectedHost } from '../core/report/collected.js';
import { renderTable, tableRows } from '../report/table.js';
import {
  choice,
  choiceListOption,
  choiceOption,
  choices,
  flag,
  GlobalOptions,
  repeatable,
  RULES_DIR_FLAGS,
  TARGET_PLATFORMS,
  textAs,
  texts,
} from './options.js';
import {
  addTableOptions,
  failedHostLines,
  TableFilterOptions,
  tableOptions,
  tableWanted,
  terminalOptions,
} from './table-output.js';

const EvaluateOptions = GlobalOptions.extend({
  config: z.string().optional(),
  profile: choice(RULE_PROFILE_NAMES).optional(),
  output: z.string().optional(),
  now: textAs('expected an ISO date', dateFrom).optional(),
  failOn: choice(FAIL_ON),
  target: texts,
  platform: choices(TARGET_PLATFORMS),
  allowUnknown: flag,
  rulesDir: texts,
  ...TableFilterOptions.shape,
});
type EvaluateOptions = z.output<typeof EvaluateOptions>;

export function define(command: Command): CommandHandler {
  command
    .argument('<file>', 'a report (hvscan scan output), one HostFacts document, or an array of them')
    .option('-c, --config <file>', 'take rules.profile, rules.params and rules.suppressionsFile from this config')
    .addOption(
      choiceOption('--profile <name>', 'rule profile (overrides the config and the saved report)', RULE_PROFILE_NAMES),
    )
    .option('-o, --output <file>', 'write the new report here instead of printing it')
    .option('--now <date>', 'judge as of this ISO date (expiries, support end dates); default: now')
    .addOption(
      choiceOption('--fail-on <severity>', 'exit 3 when a finding is at or above this severity', FAIL_ON).default(
        'high',
      ),
    )
    .option('--target <name>', 'table: only this host or target (repeatable)', repeatable)
    .addOption(choiceListOption('--platform <name>', 'table: only hosts of this platform', TARGET_PLATFORMS))
    .option('--allow-unknown', 'suppressions naming no known rule or host are warnings, not errors')
    .option(...RULES_DIR_FLAGS, repeatable);
  addTableOptions(command);
  command.addHelpText(
    'after',
    `
On a terminal, without -o, the results are shown as a table; piped or redirected, the new report is printed as JSON.

Examples:
  hvscan evaluate hvscan-report.json                        the table of failed results, judged today
  hvscan evaluate hvscan-report.json --profile stig -o stig.json
  hvscan evaluate facts.json --now 2026-01-01 --severity critical,high
  hvscan evaluate hvscan-report.json | jq '.summary'`,
  );
  return typedHandler({ args: z.tuple([z.string()]), options: EvaluateOptions }, ({ args: [path], options }, context) =>
    evaluate(path, options, context),
  );
}

interface Saved {
  hosts: CollectedHost[];
  startedAt: Date;
  finishedAt: Date;
  complete: boolean;
  config?: ScanReport['config'];
}

async function evaluate(path: string, options: EvaluateOptions, context: CliContext): Promise<number> {
  const saved = readSaved(path);
  const now = options.now ?? new Date();
  const fromFile = options.config ? loadConfig(options.config) : undefined;
  const profile = options.profile ?? fromFile?.config.rules.profile ?? saved.config?.profile ?? 'scg';
  const rules: RulesOptions = { ...(fromFile?.config.rules ?? {}), profile };
  const { evaluate: judge, catalogue } = await ruleEvaluator(
    rules,
    fromFile?.file ?? path,
    now,
    {
      scope: fromFile
        ? configScope(fromFile.config.targets)
        : { hostNames: saved.hosts.flatMap((h) => [h.name, h.target]), vcenterTargets: [] },
      allowUnknown: options.allowUnknown,
      warn: (line) => context.stderr.write(`warning: ${line}\n`),
    },
    options.rulesDir,
  );
  const judged = new JudgedHosts(judge, catalogue);
  saved.hosts.forEach(judged.add);
  const digest = fromFile ? configDigest(fromFile.config) : (saved.config?.digest ?? configDigest({ rules }));
  const report = judged.report(saved, { digest, profile });
  const terminal = terminalOptions(options);
  const table = tableWanted(terminal, context);
  let written: string | undefined;
  if (options.output !== undefined) {
    written = (await writeReports(report, await outputTargets({ json: options.output }), undefined, context.stdout))[0];
  } else if (!table) {
    // The layout of a report file (one line per host), not a second one.
    context.stdout.write([...jsonChunks(report)].join(''));
  }
  if (table) {
    const filter = { ...terminal.filter, hosts: options.target, platforms: options.platform };
    const rows = report.hosts.flatMap((host) => tableRows(host, filter));
    context.stdout.write(`${renderTable(rows, tableOptions(terminal, context, 'hvscan evaluate … --all'))}\n`);
    context.stdout.write(
      failedHostLines(report)
        .map((line) => `${line}\n`)
        .join(''),
    );
  }
  if (written && written !== '-' && !terminal.quiet) context.stdout.write(`report: ${written}\n`);
  return exitCodeFor(report, options.failOn);
}

function dateFrom(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function readSaved(path: string): Saved {
  const document = readJsonFile(path);
  if (document && typeof document === 'object' && 'hosts' in document && 'schemaVersion' in document) {
    const report = parseReport(document, path);
    return {
      hosts: report.hosts.map((h) => ({
        ...h,
        facts: h.facts ?? undefined,
        // Errors from an earlier rules run are replaced by this run's.
        errors: h.errors.filter((e) => e.step !== 'rules'),
      })),
      startedAt: new Date(report.startedAt),
      finishedAt: new Date(report.finishedAt),
      complete: report.complete,
      config: report.config,
    };
  }
  const parsed = HostFacts.array().safeParse(Array.isArray(document) ? document : [document]);
  if (!parsed.success) throw new UserError(`${path}: neither a report nor host facts: ${issueText(parsed.error)}`);
  const hosts = parsed.data.map((facts): CollectedHost => ({
    name: facts.identity.name,
    target: facts.identity.managedBy ?? facts.identity.name,
    platform: facts.platform,
    status: facts.collection.errors.length === 0 ? 'ok' : 'partial',
    facts,
    errors: facts.collection.errors.map((e) => ({
      step: e.section ? `${e.step}:${e.section}` : e.step,
      message: e.message,
    })),
    insecure: facts.collection.serverTrust === 'insecure',
    durationMs: Math.max(0, Date.parse(facts.collection.finishedAt) - Date.parse(facts.collection.startedAt)) || 0,
    attempts: 1,
  }));
  const times = parsed.data
    .flatMap((f) => [Date.parse(f.collection.startedAt), Date.parse(f.collection.finishedAt)])
    .filter(Number.isFinite);
  return {
    hosts,
    startedAt: new Date(times.length ? Math.min(...times) : Date.now()),
    finishedAt: new Date(times.length ? Math.max(...times) : Date.now()),
    complete: true,
  };
}
