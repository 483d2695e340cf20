import type { Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { loadConfig } from '../core/config/load.js';
import { EXIT } from '../core/errors.js';
import { flag, GlobalOptions, repeatable, RULES_DIR_FLAGS, texts } from './options.js';

const RulesOptions = GlobalOptions.extend({
  json: flag,
  writeDocs: z.string().optional(),
  config: z.string().optional(),
  rulesDir: texts,
});

export function define(command: Command): CommandHandler {
  command
    .option('--json', 'print the catalogue as JSON (metadata, per-profile parameters, parameter schema, source)')
    .option('--write-docs <dir>', 'regenerate the rule pages (<dir>/<rule id>.md and the index) from rule metadata')
    .option('-c, --config <file>', "also list the custom rules of this config's rules.directories")
    .option(...RULES_DIR_FLAGS, repeatable);
  command.addHelpText(
    'after',
    `
Examples:
  hvscan rules                         id, severity, platforms and title of every rule
  hvscan rules --json | jq '.[] | select(.severity == "critical") | .id'
  hvscan rules --rules-dir ./my-rules  the catalogue with the custom rules of a folder, and their files
  hvscan rules --write-docs docs/rules  regenerate the rule pages`,
  );
  return typedHandler({ args: z.tuple([]), options: RulesOptions }, async ({ options }, context) => {
    if (options.writeDocs !== undefined) {
      const { writeRuleDocs } = await import('../rules/docs.js');
      const { written, removed } = writeRuleDocs(options.writeDocs);
      context.stdout.write(`${options.writeDocs}: ${written} page(s) written, ${removed.length} removed\n`);
      return EXIT.ok;
    }
    const [{ ruleListing, formatRulesTable }, { loadRuleSet }, { customRuleDirectories }] = await Promise.all([
      import('../rules/listing.js'),
      import('../rules/custom.js'),
      import('../scan/evaluate.js'),
    ]);
    const loaded = options.config === undefined ? undefined : loadConfig(options.config);
    const { rules, source } = await loadRuleSet(
      customRuleDirectories(loaded?.config.rules.directories, loaded?.file ?? '.', options.rulesDir),
    );
    const listing = ruleListing(rules, source);
    context.stdout.write(options.json ? `${JSON.stringify(listing, null, 2)}\n` : `${formatRulesTable(listing)}\n`);
    return EXIT.ok;
  });
}
