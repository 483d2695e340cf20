import type { Command } from 'commander';
import { z } from 'zod';
import { choice, choiceOption, flag, GlobalOptions } from './options.js';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { newAtOrAbove } from '../diff/index.js';
import { diffReportFiles } from '../diff/files.js';
import { renderDiffText } from '../diff/text.js';
import { EXIT } from '../core/errors.js';
import { Severity } from '../core/model/index.js';
import { resolveOutputTarget, writeOutput } from '../report/output-target.js';

const DiffOptions = GlobalOptions.extend({
  json: flag,
  output: z.string().optional(),
  failOnNew: choice(Severity.options).optional(),
});

export function define(command: Command): CommandHandler {
  command
    .argument('<old>', 'the earlier report (JSON)')
    .argument('<new>', 'the later report (JSON)')
    .option('--json', 'print the diff as JSON (schema: hvscan schema diff)')
    .option('-o, --output <file>', 'also write the JSON diff to this file')
    .addOption(
      choiceOption(
        '--fail-on-new <severity>',
        'exit 3 when a new finding is at or above this severity',
        Severity.options,
      ),
    );
  command.addHelpText(
    'after',
    `
A warning goes to stderr when the reports used different profiles or rule catalogues, or when OLD is newer than NEW.

Examples:
  hvscan diff last-week.json today.json
  hvscan diff last-week.json today.json --fail-on-new high     exit 3 on a new high or critical finding
  hvscan diff old.json new.json --json | jq '.findings.new'`,
  );
  return typedHandler(
    { args: z.tuple([z.string(), z.string()]), options: DiffOptions },
    async ({ args: [oldPath, newPath], options }, context) => {
      const { diff, warnings } = diffReportFiles(oldPath, newPath);
      for (const warning of warnings) context.stderr.write(`warning: ${warning}\n`);
      const json = JSON.stringify(diff, null, 2) + '\n';
      const output = options.output === undefined ? undefined : await resolveOutputTarget(options.output, '--output');
      if (output) await writeOutput(output, json, context.stdout);
      // With `-o -` stdout carries the JSON alone, so a pipe gets one document.
      if (output?.kind !== 'stdout') context.stdout.write(options.json ? json : renderDiffText(diff));
      const threshold = options.failOnNew;
      return threshold && newAtOrAbove(diff, threshold).length > 0 ? EXIT.findings : EXIT.ok;
    },
  );
}
