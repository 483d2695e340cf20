import type { Command } from 'commander';
import type { CommandHandler } from '../cli.js';
import { EXIT } from '../errors.js';

export function define(command: Command): CommandHandler {
  command
    .option('--json', 'print the catalogue as JSON (metadata, per-profile parameters, parameter schema)')
    .option('--write-docs <dir>', 'regenerate the rule pages (<dir>/<rule id>.md and the index) from rule metadata');
  command.addHelpText(
    'after',
    `
Examples:
  hvscan rules                         id, severity, platforms and title of every rule
  hvscan rules --json | jq '.[] | select(.severity == "critical") | .id'
  hvscan rules --write-docs docs/rules  regenerate the rule pages`,
  );
  return async (input, context) => {
    if (typeof input.options.writeDocs === 'string') {
      const { writeRuleDocs } = await import('../rules/docs.js');
      const { written, removed } = writeRuleDocs(input.options.writeDocs);
      context.stdout.write(`${input.options.writeDocs}: ${written} page(s) written, ${removed.length} removed\n`);
      return EXIT.ok;
    }
    const { ruleListing, formatRulesTable } = await import('../rules/listing.js');
    const listing = ruleListing();
    context.stdout.write(input.options.json ? `${JSON.stringify(listing, null, 2)}\n` : `${formatRulesTable(listing)}\n`);
    return EXIT.ok;
  };
}
