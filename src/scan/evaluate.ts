import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RulesOptions } from '../core/config/schema.js';
import { ConfigError, resolveConfigPath } from '../core/config/load.js';
import type { Finding, HostFacts, RuleCatalogue } from '../core/model/index.js';
import type { RuleDirectory } from '../rules/custom.js';
import type { SuppressionEntry } from '../rules/suppressions.js';
import type { SuppressionScope } from '../rules/suppression-checks.js';
import type { Target } from '../core/config/schema.js';
import type { CollectedHost } from '../core/report/collected.js';

/** Judges one host's facts. The scan builds it from the config; tests pass their own. */
export type HostEvaluator = (facts: HostFacts) => Finding[];

/** The configured engine and the catalogue of the rules it runs (the report carries it once). */
export interface RuleEvaluator {
  evaluate: HostEvaluator;
  catalogue: RuleCatalogue;
}

export interface SuppressionCheck {
  /** Hosts the run knows by name; the rule catalogue is always checked. */
  scope: Omit<SuppressionScope, 'ruleIds'>;
  /** --allow-unknown: entries that match no rule or host are warnings, not errors. */
  allowUnknown?: boolean;
  warn(line: string): void;
}

/**
 * The rule engine configured from the config's `rules` section: profile, parameter overrides, the suppressions file
 * and custom rule folders (plus `ruleDirs` from --rules-dir, relative to the working directory).
 * Problems (bad params, unreadable or malformed suppressions, with `check` entries that match no rule or host) are
 * config errors, reported together.
 */
export async function ruleEvaluator(
  rules: RulesOptions,
  configFile: string,
  now: Date,
  check?: SuppressionCheck,
  ruleDirs: readonly string[] = [],
): Promise<RuleEvaluator> {
  const [
    { evaluateHost },
    { loadRuleSet },
    { validateParamOverrides },
    { loadSuppressions },
    { suppressionMismatches },
    { ruleCatalogue },
  ] = await Promise.all([
    import('../rules/engine.js'),
    import('../rules/custom.js'),
    import('../rules/params.js'),
    import('../rules/suppressions.js'),
    import('../rules/suppression-checks.js'),
    import('../rules/catalogue.js'),
  ]);
  const { profile, params, suppressionsFile } = rules;
  const ruleSet = await loadRuleSet(customRuleDirectories(rules.directories, configFile, ruleDirs));
  const problems = params ? validateParamOverrides(ruleSet.rules, params, profile) : [];
  let suppressions: SuppressionEntry[] | undefined;
  if (suppressionsFile) {
    const path = resolveConfigPath(suppressionsFile, configFile);
    if (!existsSync(path)) problems.push(`rules.suppressionsFile: ${path} does not exist`);
    else {
      try {
        suppressions = loadSuppressions(path);
        if (check) {
          const { errors, warnings } = suppressionMismatches(suppressions, {
            ...check.scope,
            ruleIds: ruleSet.rules.map((r) => r.id),
          });
          const prefix = `rules.suppressionsFile: ${path}: `;
          for (const line of [...warnings, ...(check.allowUnknown ? errors : [])]) check.warn(prefix + line);
          if (!check.allowUnknown)
            problems.push(...errors.map((line) => `${prefix}${line}; --allow-unknown makes this a warning`));
        }
      } catch (err) {
        problems.push(`rules.suppressionsFile: ${(err as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(configFile, problems);
  return {
    evaluate: (facts) => evaluateHost(facts, { profile, params, suppressions, now, rules: ruleSet.rules }),
    catalogue: ruleCatalogue(ruleSet.rules, ruleSet.source),
  };
}

/** Custom rule folders: the config's (relative to the config file), then --rules-dir's (relative to the working directory). */
export function customRuleDirectories(
  configured: readonly string[] = [],
  configFile: string,
  flags: readonly string[] = [],
): RuleDirectory[] {
  return [
    ...configured.map((dir, i) => ({ path: resolveConfigPath(dir, configFile), origin: `rules.directories[${i}]` })),
    ...flags.map((dir) => ({ path: resolve(dir), origin: `--rules-dir ${dir}` })),
  ];
}

/** Runs the evaluator on a host with facts; a throw becomes that host's "rules" error. */
export function judgeHost(host: CollectedHost, evaluate: HostEvaluator): { findings?: Finding[]; ruleError?: string } {
  if (!host.facts) return {};
  try {
    return { findings: evaluate(host.facts) };
  } catch (err) {
    return { ruleError: `rule evaluation failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The hosts a config names: target names and addresses, and its vCenter targets (whose hosts it does not name). */
export function configScope(targets: readonly Target[]): SuppressionCheck['scope'] {
  return {
    hostNames: targets.flatMap((t) => [t.name, t.host]),
    vcenterTargets: targets.filter((t) => t.platform === 'vcenter').map((t) => `vCenter target ${t.name}`),
  };
}
