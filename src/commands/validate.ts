import type { Command } from 'commander';
import type { CommandHandler, CliContext } from '../cli.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { EXIT } from '../errors.js';
import { allProblems, prepareScan } from '../scan/prepare.js';
import { DEFAULT_REPORT } from './scan.js';

export function define(command: Command): CommandHandler {
  command.requiredOption('-c, --config <file>', 'config file to check');
  return (input, context) => validate(input.options.config as string, context);
}

/**
 * Everything a scan would refuse before connecting, checked by the same function the scan runs (src/scan/prepare.ts):
 * the schema, how fields combine, the secrets each target names (set and readable, never printed), the files
 * connectors will read, rule parameters, the suppressions file and the report outputs. Exit 2 listing every problem.
 */
export async function validate(path: string, context: CliContext): Promise<number> {
  const { config, file } = loadConfig(path);
  const prepared = await prepareScan(config, file, context.env, { ...config.output, json: config.output.json ?? DEFAULT_REPORT }, config.log?.file);
  const problems = allProblems(prepared);
  if (problems.length > 0) throw new ConfigError(path, problems);
  const insecure = config.targets.filter((t) => 'tls' in t && t.tls?.insecure).map((t) => t.name);
  context.stdout.write(`config ${path} is valid: ${config.targets.length} target(s), profile ${config.rules.profile}\n`);
  if (insecure.length > 0) context.stdout.write(`note: TLS verification is off (tls.insecure) for ${insecure.join(', ')}; reports record it\n`);
  return EXIT.ok;
}
