// Custom rules: plain ES modules (.js, .mjs) in folders the user names, checked like the built-in rules.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { ResultStatus, Severity, type HostFacts } from '../core/model/index.js';
import type { Rule, RuleContext, RuleProfile, RuleReferences, RuleRemediation, RuleResult } from './kit/define.js';
import { ruleProblems } from './metadata.js';
import { listRules, sortById } from './registry.js';

/** Parameter defaults of a custom rule without zod: each field takes values of its default's JSON type. */
export type CustomRuleParams = Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>;

/**
 * A custom rule module's default export: a built-in rule's fields, `params` optional and either a zod schema or a
 * plain object of defaults. `P` is the parameters `evaluate` receives (the defaults merged with rules.params).
 */
export interface CustomRule<P extends CustomRuleParams = CustomRuleParams> {
  id: string;
  title: string;
  severity: Severity;
  platforms: ReadonlyArray<HostFacts['platform']>;
  category: string;
  rationale: string;
  risk: string;
  remediation: RuleRemediation;
  references: RuleReferences;
  params?: P | z.ZodType<P>;
  profileDefaults?: Partial<Record<RuleProfile, Partial<P>>>;
  evaluate(facts: HostFacts, params: P, ctx: RuleContext): RuleResult | RuleResult[];
}

/** A folder of custom rules and where it was named (`rules.directories[0]`, `--rules-dir`), for messages. */
export interface RuleDirectory {
  path: string;
  origin: string;
}

/** The rules a run uses and the file each came from ("built-in" for the registry's). */
export interface RuleSet {
  rules: Rule[];
  source(rule: Rule): string;
}

/** Every problem of every custom rule file at once, each line naming its file; exit 2. */
export class CustomRuleError extends UserError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`custom rules could not be loaded:\n  ${problems.join('\n  ')}`);
    this.name = 'CustomRuleError';
    this.problems = problems;
  }
}

const EXTENSIONS = new Set(['.js', '.mjs']);

/** Rule modules of a folder: its .js and .mjs files, not helpers whose name starts with `_` or `.`. */
export function customRuleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => EXTENSIONS.has(extname(name)) && !name.startsWith('_') && !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The built-in rules plus the custom rules of `directories`, in id order. A folder that cannot be read, a module that
 * throws on import, a bad field or an id another rule has is a CustomRuleError listing every such problem.
 */
export async function loadRuleSet(directories: readonly RuleDirectory[]): Promise<RuleSet> {
  const builtIns = listRules();
  if (directories.length === 0) return { rules: builtIns, source: () => 'built-in' };
  const problems: string[] = [];
  const sources = new Map<Rule, string>();
  const owners = new Map<string, string>(builtIns.map((rule) => [rule.id, 'a built-in rule']));
  for (const dir of directories) {
    const files = readableFiles(dir, problems);
    for (const file of files) {
      const rule = await loadCustomRule(file, problems);
      if (!rule) continue;
      const owner = owners.get(rule.id);
      if (owner) {
        problems.push(`${file}: id "${rule.id}" clashes with ${owner}`);
        continue;
      }
      owners.set(rule.id, file);
      sources.set(rule, file);
    }
  }
  if (problems.length > 0) throw new CustomRuleError(problems);
  return { rules: sortById([...builtIns, ...sources.keys()]), source: (rule) => sources.get(rule) ?? 'built-in' };
}

function readableFiles(dir: RuleDirectory, problems: string[]): string[] {
  try {
    if (!statSync(dir.path).isDirectory()) {
      problems.push(`${dir.origin}: ${dir.path} is not a folder`);
      return [];
    }
    return customRuleFiles(dir.path);
  } catch (err) {
    problems.push(
      `${dir.origin}: cannot read ${dir.path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
    return [];
  }
}

async function loadCustomRule(file: string, problems: string[]): Promise<Rule | undefined> {
  let exported: unknown;
  try {
    // The file's mtime in the URL: a long-running `hvscan schedule` picks up an edited rule at its next run.
    const url = `${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`;
    exported = ((await import(url)) as { default?: unknown }).default;
  } catch (err) {
    problems.push(`${file}: the module throws on import: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const name = basename(file, extname(file));
  const candidate = withParamsSchema(exported, file, problems);
  if (candidate === null) return undefined;
  const found = ruleProblems(candidate, name);
  problems.push(...found.map((p) => `${file}: ${p}`));
  return found.length === 0 ? withCheckedResults(candidate as Rule) : undefined;
}

const STATUSES = new Set<string>(ResultStatus.options);

/**
 * The rule with its results checked as they are returned: TypeScript vouches for a built-in rule's results, nothing
 * for a plain module's. A malformed result throws, which the engine reports as an unknown "rule error" result.
 */
function withCheckedResults(rule: Rule): Rule {
  const evaluate = rule.evaluate;
  return {
    ...rule,
    evaluate(facts, params, ctx) {
      const output = evaluate(facts, params, ctx);
      for (const result of Array.isArray(output) ? output : [output]) {
        const problem = resultProblem(result);
        if (problem) throw new Error(`malformed result: ${problem}`);
      }
      return output;
    },
  };
}

function resultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null)
    return `expected {status, message, evidence}, got ${typeof result}`;
  const { status, message, evidence, subject, severity } = result as Partial<RuleResult>;
  if (!STATUSES.has(status as string))
    return `status ${JSON.stringify(status)} is not one of ${[...STATUSES].join(', ')}`;
  if (typeof message !== 'string') return 'message is not a string';
  if (subject !== undefined && typeof subject !== 'string') return 'subject is not a string';
  if (severity !== undefined && !Severity.safeParse(severity).success)
    return `severity ${JSON.stringify(severity)} is not a severity`;
  if (typeof evidence !== 'object' || evidence === null || typeof evidence.path !== 'string')
    return 'evidence.path is not a string';
  return undefined;
}

/**
 * A custom rule's `params` as a zod schema: a zod schema is kept, none means no parameters, and a plain object of
 * defaults ({ maxDays: 90 }) becomes a strict schema whose fields take values of the default's JSON type. Null when
 * a default has no such type (the problem is recorded).
 */
function withParamsSchema(exported: unknown, file: string, problems: string[]): unknown {
  if (typeof exported !== 'object' || exported === null) return exported;
  const params = (exported as { params?: unknown }).params;
  if (params === undefined) return { ...exported, params: z.object({}).strict() };
  if (typeof params !== 'object' || params === null || '_zod' in params) return exported;
  const fields: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(params)) {
    const schema = schemaOfDefault(value);
    if (!schema) {
      problems.push(
        `${file}: params.${key}: a default must be a string, number, boolean or array of them (or give a zod schema)`,
      );
      return null;
    }
    fields[key] = schema.default(value as never);
  }
  return { ...exported, params: z.object(fields).strict() };
}

function schemaOfDefault(value: unknown): z.ZodType | undefined {
  if (typeof value === 'string') return z.string();
  if (typeof value === 'number') return z.number();
  if (typeof value === 'boolean') return z.boolean();
  if (!Array.isArray(value)) return undefined;
  const items = value.map(schemaOfDefault);
  if (items.some((item) => item === undefined || item instanceof z.ZodArray)) return undefined;
  const kinds = new Set(value.map((v) => typeof v));
  return z.array(kinds.size === 1 ? items[0]! : z.union([z.string(), z.number(), z.boolean()]));
}
