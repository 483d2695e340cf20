import { Option, type Command } from 'commander';
import type { CommandHandler } from '../cli.js';
import { diffReports, newAtOrAbove } from '../diff/index.js';
import { renderDiffText } from '../diff/text.js';
import { EXIT } from '../errors.js';
import { Severity } from '../model/index.js';
import { resolveOutputTarget, writeOutput } from '../report/output-target.js';
import { readReport } from '../report/read.js';

export function define(command: Command): CommandHandler {
  command
    .argument('<old>', 'the earlier report (JSON)')
    .argument('<new>', 'the later report (JSON)')
    .option('--json', 'print the diff as JSON (schema: hvscan schema diff)')
    .option('-o, --output <file>', 'also write the JSON diff to this file')
    .addOption(new Option('--fail-on-new <severity>', 'exit 3 when a new finding is at or above this severity').choices(Severity.options));
  return async (input, context) => {
    const [oldPath, newPath] = input.args;
    const diff = diffReports(readReport(oldPath!), readReport(newPath!));
    const json = JSON.stringify(diff, null, 2) + '\n';
    const output = typeof input.options.output === 'string' ? await resolveOutputTarget(input.options.output, '--output') : undefined;
    if (output) await writeOutput(output, json, context.stdout);
    // With `-o -` stdout carries the JSON alone, so a pipe gets one document.
    if (output?.kind !== 'stdout') context.stdout.write(input.options.json ? json : renderDiffText(diff));
    const threshold = input.options.failOnNew as Severity | undefined;
    return threshold && newAtOrAbove(diff, threshold).length > 0 ? EXIT.findings : EXIT.ok;
  };
}
