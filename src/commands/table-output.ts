import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from './command.js';
import { ResultStatus, Severity } from '../core/model/index.js';
import type { TableFilter, TableOptions } from '../report/table.js';
import type { ScanReport } from '../core/report/schema.js';
import { colorWanted, isTerminal, terminalSize, terminalText } from '../core/terminal.js';
import { choiceListOption, choices, flag, type GlobalOptions } from './options.js';

/** --severity, --status, --all: which results the terminal table shows (the report files always hold every result). */
export function addTableOptions(command: Command): void {
  command
    .addOption(choiceListOption('--severity <list>', 'table: only results of these severities', Severity.options))
    .addOption(
      choiceListOption(
        '--status <list>',
        'table: only results with these statuses (default fail)',
        ResultStatus.options,
      ),
    )
    .option('--all', 'table: every row, not only a screenful');
}

/** The values of the options addTableOptions declares. */
export const TableFilterOptions = z.object({
  severity: choices(Severity.options),
  status: choices(ResultStatus.options),
  all: flag,
});

/** The options the terminal output reads, from a command's parsed options. */
export function terminalOptions(options: z.output<typeof TableFilterOptions> & GlobalOptions): TerminalOutput {
  return {
    quiet: options.quiet,
    color: options.color,
    all: options.all,
    filter: { severities: options.severity, statuses: options.status },
  };
}

export interface TerminalOutput {
  /** false: no table even on a terminal (the demo prints its own summary); 'always': `--format table`, piped too. */
  table?: boolean | 'always';
  /** No progress, no table, no summary; errors only in the log. */
  quiet?: boolean;
  /** false: --no-color. */
  color?: boolean;
  /** Every table row. */
  all?: boolean;
  filter?: TableFilter;
}

/** The findings table ends a scan on a terminal (stdout), unless --quiet. */
export function tableWanted(options: TerminalOutput, context: CliContext): boolean {
  if (options.table === 'always') return true;
  return options.table !== false && !options.quiet && isTerminal(context.stdout);
}

export function tableOptions(options: TerminalOutput, context: CliContext, moreHint: string): TableOptions {
  const size = terminalSize(context.stdout);
  return {
    color: colorWanted(context.stdout, context.env, options),
    columns: size.columns,
    // The title, header and the summary lines below the table stay on the same screen.
    limit: options.all ? undefined : Math.max(10, size.rows - 10),
    moreHint: `${moreHint} shows every row; the report holds them all`,
  };
}

/** "  failed esx-02: tls: …" for each host whose collection failed: the step and the reason, first error only. */
export function failedHostLines(report: Pick<ScanReport, 'hosts'>): string[] {
  return report.hosts
    .filter((h) => h.status === 'failed')
    .map(
      (h) =>
        `  failed ${terminalText(h.name)}: ${h.errors[0] ? `${h.errors[0].step}: ${terminalText(h.errors[0].message)}` : 'no reason recorded'}`,
    );
}
