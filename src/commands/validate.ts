import type { Command } from 'commander';
import { z } from 'zod';
import type { CommandHandler, CliContext } from './command.js';
import { typedHandler } from './typed.js';
import { ConfigError, loadConfig } from '../core/config/load.js';
import { configScope } from '../scan/evaluate.js';
import { allProblems, prepareScan } from '../scan/prepare.js';
import { DEFAULT_REPORT } from './scan.js';
import { EXIT } from '../core/errors.js';
import { flag, GlobalOptions, repeatable, RULES_DIR_FLAGS, texts } from './options.js';

const ValidateOptions = GlobalOptions.extend({ config: z.string(), allowUnknown: flag, rulesDir: texts });

export function define(command: Command): CommandHandler {
  command
    .requiredOption('-c, --config <file>', 'config file to check')
    .option('--allow-unknown', 'suppressions naming no known rule or target are warnings, not errors')
    .option(...RULES_DIR_FLAGS, repeatable);
  command.addHelpText(
    'after',
    `
Examples:
  hvscan validate -c config.json                  exit 0 when a scan would start, 2 with every problem listed
  hvscan validate -c config.json --allow-unknown  suppressions for hosts not in this config are only warned about`,
  );
  return typedHandler({ args: z.tuple([]), options: ValidateOptions }, ({ options }, context) =>
    validate(options.config, context, {
      allowUnknown: options.allowUnknown,
      quiet: options.quiet,
      ruleDirs: options.rulesDir,
    }),
  );
}

/**
 * Everything a scan would refuse before connecting, checked by the same function the scan runs (src/scan/prepare.ts):
 * the schema, how fields combine, the secrets each target names (set, readable regular files, never printed), the
 * files connectors will read, custom rules, rule parameters, the suppressions file, the report outputs and the log
 * file. Exit 2 listing every problem.
 */
export async function validate(
  path: string,
  context: CliContext,
  options: { allowUnknown?: boolean; quiet?: boolean; ruleDirs?: string[] } = {},
): Promise<number> {
  const { config, file } = loadConfig(path);
  const warnings: string[] = [];
  const prepared = await prepareScan(config, file, context.env, {
    outputs: { ...config.output, json: config.output.json ?? DEFAULT_REPORT },
    logFile: config.log?.file,
    check: {
      scope: configScope(config.targets),
      allowUnknown: options.allowUnknown,
      warn: (line) => warnings.push(line),
    },
    ruleDirs: options.ruleDirs,
  });
  for (const line of warnings) context.stderr.write(`warning: ${line}\n`);
  const problems = allProblems(prepared);
  if (problems.length > 0) throw new ConfigError(path, problems);
  const insecure = config.targets.filter((t) => 'tls' in t && t.tls?.insecure).map((t) => t.name);
  if (options.quiet) return EXIT.ok;
  context.stdout.write(
    `config ${path} is valid: ${config.targets.length} target(s), profile ${config.rules.profile}\n`,
  );
  if (insecure.length > 0)
    context.stdout.write(
      `note: TLS verification is off (tls.insecure) for ${insecure.join(', ')}; reports record it\n`,
    );
  return EXIT.ok;
}
