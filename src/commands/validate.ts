import { accessSync, constants } from 'node:fs';
import type { Command } from 'commander';
import type { CommandHandler, CliContext } from './command.js';
import { ConfigError, loadConfig, resolveConfigPath } from '../config/load.js';
import type { Target } from '../config/schema.js';
import { resolveCredentials, SecretSourceError } from '../config/secrets.js';
import { configScope, ruleEvaluator } from '../scan/evaluate.js';
import { EXIT } from '../errors.js';
import { CustomRuleError } from '../rules/custom.js';
import { repeatable, RULES_DIR_FLAGS } from './options.js';

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
  return (input, context) =>
    validate(input.options.config as string, context, {
      allowUnknown: input.options.allowUnknown === true,
      quiet: input.options.quiet === true,
      ruleDirs: input.options.rulesDir as string[] | undefined,
    });
}

/**
 * Everything a scan would refuse, without connecting: the schema, how fields combine, the secrets each target names
 * (set and readable, never printed), the files connectors will read, custom rules, rule parameters and the
 * suppressions file.
 */
export async function validate(
  path: string,
  context: CliContext,
  options: { allowUnknown?: boolean; quiet?: boolean; ruleDirs?: string[] } = {},
): Promise<number> {
  const { config, file } = loadConfig(path);
  const problems: string[] = [];
  const warnings: string[] = [];
  config.targets.forEach((target, index) => {
    try {
      resolveCredentials(target, file, context.env);
    } catch (err) {
      if (!(err instanceof SecretSourceError)) throw err;
      problems.push(`targets[${index}].${err.key}: ${err.detail} (target ${err.target})`);
    }
    problems.push(...unreadableFiles(target, index, file));
  });
  try {
    await ruleEvaluator(config.rules, file, new Date(), {
      scope: configScope(config.targets),
      allowUnknown: options.allowUnknown,
      warn: (line) => warnings.push(line),
    }, options.ruleDirs);
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof CustomRuleError)) throw err;
    problems.push(...err.problems);
  }
  for (const line of warnings) context.stderr.write(`warning: ${line}\n`);
  if (problems.length > 0) throw new ConfigError(path, problems);
  const insecure = config.targets.filter((t) => 'tls' in t && t.tls?.insecure).map((t) => t.name);
  if (options.quiet) return EXIT.ok;
  context.stdout.write(`config ${path} is valid: ${config.targets.length} target(s), profile ${config.rules.profile}\n`);
  if (insecure.length > 0) context.stdout.write(`note: TLS verification is off (tls.insecure) for ${insecure.join(', ')}; reports record it\n`);
  return EXIT.ok;
}

function unreadableFiles(target: Target, index: number, configFile: string): string[] {
  const files: Array<[key: string, path: string | undefined]> = [
    ['tls.caFile', 'tls' in target ? target.tls?.caFile : undefined],
    ['ssh.knownHostsFile', target.platform === 'hyperv' && target.transport === 'ssh' ? target.ssh?.knownHostsFile : undefined],
  ];
  return files.flatMap(([key, path]) => {
    if (!path) return [];
    const absolute = resolveConfigPath(path, configFile);
    try {
      accessSync(absolute, constants.R_OK);
      return [];
    } catch (err) {
      return [`targets[${index}].${key}: cannot read ${absolute} (${(err as NodeJS.ErrnoException).code})`];
    }
  });
}
