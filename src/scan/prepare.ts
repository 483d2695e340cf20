import { ConfigError } from '../core/config/load.js';
import { checkTargets, type CheckedTarget } from '../core/config/preflight.js';
import type { Config, OutputOptions, Target } from '../core/config/schema.js';
import { logFileProblems, outputProblems } from '../report/output-check.js';
import { CustomRuleError } from '../rules/custom.js';
import { ruleEvaluator, type RuleEvaluator, type SuppressionCheck } from './evaluate.js';

export interface PreparedScan {
  evaluator?: RuleEvaluator;
  /** The targets checked (all of the config's, or the ones the scan selected), in config order. */
  targets: CheckedTarget[];
  /** Problems of the rules section, the outputs and the log file: they stop the whole scan. */
  problems: string[];
}

export interface PrepareOptions {
  /** The report files the scan will write (none for a caller that writes its own). */
  outputs?: OutputOptions;
  /** The log file the scan appends to. */
  logFile?: string;
  /** Only these targets (--target, --platform); default every target of the config. */
  targets?: readonly Target[];
  /** How suppressions are checked against the config's hosts and the rule catalogue. */
  check?: SuppressionCheck;
  /** Folders of custom rules beside the config's rules.directories (--rules-dir). */
  ruleDirs?: string[];
}

/**
 * Everything checked before the first connection. `scan` and `validate` both run exactly this, so a config that
 * passes validate is never refused by scan for a reason found before connecting (and both exit 2 with the same lines).
 */
export async function prepareScan(
  config: Config,
  file: string,
  env: NodeJS.ProcessEnv,
  options: PrepareOptions = {},
): Promise<PreparedScan> {
  const problems: string[] = [];
  let evaluator: RuleEvaluator | undefined;
  try {
    evaluator = await ruleEvaluator(config.rules, file, new Date(), options.check, options.ruleDirs);
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof CustomRuleError)) throw err;
    problems.push(...err.problems);
  }
  const targets = await checkTargets(config, file, env, options.targets);
  if (options.outputs) problems.push(...(await outputProblems(options.outputs, targets.length)));
  if (options.logFile) problems.push(...(await logFileProblems(options.logFile)));
  return { evaluator, targets, problems };
}

/** All problems, targets' first (in config order), as one list for a ConfigError. */
export function allProblems(prepared: PreparedScan): string[] {
  return [...prepared.targets.flatMap((t) => t.problems), ...prepared.problems];
}
