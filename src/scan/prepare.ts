import { ConfigError } from '../config/load.js';
import { checkTargets, type CheckedTarget } from '../config/preflight.js';
import type { Config, OutputOptions } from '../config/schema.js';
import { logFileProblems, outputProblems } from '../report/output-check.js';
import { ruleEvaluator, type HostEvaluator } from './evaluate.js';

export interface PreparedScan {
  evaluate?: HostEvaluator;
  targets: CheckedTarget[];
  /** Problems of the rules section and the outputs: they stop the whole scan. */
  problems: string[];
}

/**
 * Everything checked before the first connection. `scan` and `validate` both run exactly this, so a config that
 * passes validate is never refused by scan for a reason found before connecting (and both exit 2 with the same lines).
 * `outputs`: the report files the scan will write (none for a caller that writes its own); `logFile`: the log it appends to.
 */
export async function prepareScan(config: Config, file: string, env: NodeJS.ProcessEnv, outputs?: OutputOptions, logFile?: string): Promise<PreparedScan> {
  const problems: string[] = [];
  let evaluate: HostEvaluator | undefined;
  try {
    evaluate = await ruleEvaluator(config.rules, file, new Date());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const targets = await checkTargets(config, file, env);
  if (outputs) problems.push(...(await outputProblems(outputs, config.targets.length)));
  if (logFile) problems.push(...(await logFileProblems(logFile)));
  return { evaluate, targets, problems };
}

/** All problems, targets' first (in config order), as one list for a ConfigError. */
export function allProblems(prepared: PreparedScan): string[] {
  return [...prepared.targets.flatMap((t) => t.problems), ...prepared.problems];
}
