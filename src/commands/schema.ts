import { Argument, type Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { choice, GlobalOptions } from './options.js';
import { EXIT } from '../core/errors.js';
import { SCHEMA_NAMES, jsonSchema, writeSchemaFiles } from '../report/json-schemas.js';

const SchemaOptions = GlobalOptions.extend({ write: z.string().optional() });

export function define(command: Command): CommandHandler {
  command
    .addArgument(new Argument('[name]', 'which schema; all of them, keyed by name, when omitted').choices(SCHEMA_NAMES))
    .option('--write <dir>', 'write <dir>/<name>.schema.json for each instead of printing');
  command.addHelpText(
    'after',
    `
Examples:
  hvscan schema config > config.schema.json     for editors ("$schema" in the config)
  hvscan schema suppressions                     the suppressions file
  hvscan schema --write schemas                  every schema as schemas/<name>.schema.json`,
  );
  return typedHandler(
    { args: z.tuple([choice(SCHEMA_NAMES).optional()]), options: SchemaOptions },
    async ({ args: [name], options }, context) => {
      if (options.write !== undefined) {
        for (const path of writeSchemaFiles(options.write)) context.stdout.write(`${path}\n`);
        return EXIT.ok;
      }
      const document = name ? jsonSchema(name) : Object.fromEntries(SCHEMA_NAMES.map((n) => [n, jsonSchema(n)]));
      context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return EXIT.ok;
    },
  );
}
