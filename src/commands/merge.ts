import type { Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { GlobalOptions } from './options.js';
import { EXIT } from '../core/errors.js';
import { mergedChunks, planMerge } from '../report/merge.js';
import { resolveOutputTarget, writeOutput } from '../report/output-target.js';

const MergeOptions = GlobalOptions.extend({ output: z.string() });

export function define(command: Command): CommandHandler {
  command
    .argument('<reports...>', "reports of one run's shards (hvscan scan --shard i/n), or of any scans of one config")
    .requiredOption('-o, --output <file>', 'the merged JSON report (- for stdout)')
    .addHelpText('after', '\nExample:\n  hvscan merge shard-1.json shard-2.json shard-3.json -o report.json');
  return typedHandler(
    { args: z.array(z.string()).min(1), options: MergeOptions },
    async ({ args: reports, options }, context) => {
      const target = await resolveOutputTarget(options.output, '--output');
      const plan = planMerge(reports);
      await writeOutput(target, mergedChunks(plan), context.stdout);
      for (const warning of plan.warnings) context.stderr.write(`hvscan: warning: ${warning}\n`);
      const s = plan.frame.summary;
      const where = target.kind === 'stdout' ? '-' : target.path;
      (target.kind === 'stdout' ? context.stderr : context.stdout).write(
        `merged ${reports.length} report(s): ${s.hosts} hosts (${s.failedHosts} failed) into ${where}\n`,
      );
      return EXIT.ok;
    },
  );
}
