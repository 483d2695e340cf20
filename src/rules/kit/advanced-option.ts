import { z } from 'zod';
import type { EsxiHostFacts, UnknownFact } from '../../core/model/index.js';
import { defineRule, isUnknown, result, type RuleDefinition, type RuleResult } from './define.js';
import { verdict, withFact } from './esxi-facts.js';

/** Option values normalised to one JS type per declared kind. */
export type SettingKind = 'boolean' | 'integer' | 'string';
type Normalized = boolean | number | string;

/** What a baseline expects of a setting: the test and how to show it in evidence. */
export interface Expectation {
  /** Shown as the expected value in evidence and messages: "1..900", "true", "one of info, error". */
  describe: string;
  test(value: Normalized): boolean;
}

export const expectValue = {
  equals(expected: Normalized, opts: { ignoreCase?: boolean } = {}): Expectation {
    const same = (v: Normalized) =>
      opts.ignoreCase && typeof v === 'string' && typeof expected === 'string'
        ? v.toLowerCase() === expected.toLowerCase()
        : v === expected;
    return { describe: String(expected), test: same };
  },
  notEquals(rejected: Normalized, opts: { ignoreCase?: boolean } = {}): Expectation {
    const inner = expectValue.equals(rejected, opts);
    return { describe: `not "${String(rejected)}"`, test: (v) => !inner.test(v) };
  },
  oneOf(allowed: readonly string[]): Expectation {
    const lower = allowed.map((a) => a.toLowerCase());
    return { describe: `one of ${allowed.join(', ')}`, test: (v) => lower.includes(String(v).toLowerCase()) };
  },
  /** min <= v <= max; the usual "bounded and not 0 (0 = never)" timeout check. */
  between(min: number, max: number): Expectation {
    return { describe: `${min}..${max}`, test: (v) => typeof v === 'number' && v >= min && v <= max };
  },
  atLeast(min: number): Expectation {
    return { describe: `>= ${min}`, test: (v) => typeof v === 'number' && v >= min };
  },
  nonEmpty(): Expectation {
    return { describe: 'a non-empty value', test: (v) => String(v).trim() !== '' };
  },
  custom(describe: string, test: (value: Normalized) => boolean): Expectation {
    return { describe, test };
  },
};

/**
 * The parameters of an idle-timeout rule (DCUI, ESXi Shell, Host Client): the longest accepted timeout in seconds,
 * with the baseline's default; 0 means "never" and always fails.
 */
export function timeoutParams(defaultSeconds: number) {
  return z
    .object({
      maxSeconds: z
        .number()
        .int()
        .min(1)
        .default(defaultSeconds)
        .describe('Longest accepted timeout (seconds); 0 (never) always fails.'),
    })
    .strict();
}

/** A timeout that is set (not 0) and at most the rule's `maxSeconds`. */
export const withinTimeout = (params: { maxSeconds: number }): Expectation => expectValue.between(1, params.maxSeconds);

/** Accepts the spellings hosts and esxcli use: true/"TRUE"/"true"/1/"1"/"yes". */
export function normalize(value: unknown, kind: SettingKind): Normalized | undefined {
  if (value === null || value === undefined) return kind === 'string' ? '' : undefined;
  if (kind === 'string') return String(value);
  if (kind === 'integer') {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
    return undefined;
  }
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return undefined;
}

/** Where a keyed setting lives in the facts. */
export type SettingSource = 'advanced' | 'sshServer' | 'kernel';

type Settings = Record<string, unknown> | UnknownFact | undefined;

function settingsOf(facts: EsxiHostFacts, source: SettingSource): { path: string; values: Settings; name: string } {
  // A switch, not a lookup table: this runs for every keyed rule on every host.
  switch (source) {
    case 'advanced':
      return { path: 'esxi.advancedOptions', values: facts.esxi.advancedOptions, name: 'advanced option' };
    case 'sshServer':
      return { path: 'esxi.cli.sshServer', values: facts.esxi.cli.sshServer, name: 'SSH daemon keyword' };
    case 'kernel':
      return { path: 'esxi.cli.kernel', values: facts.esxi.cli.kernel, name: 'kernel setting' };
  }
}

export interface SettingSpec<P extends z.ZodType> {
  source?: SettingSource;
  /** Option key exactly as the host names it ("Security.AccountLockFailures"); sshd keywords in lowercase. */
  key: string;
  kind: SettingKind;
  /** A key the host does not report: the release lacks it (not_applicable), or the baseline demands it (fail). */
  whenAbsent?: 'fail' | 'not_applicable' | 'unknown';
  expect(params: z.infer<P>): Expectation;
}

// The engine resolves params once per (rule list, profile), so the expectation built from them is reused per host.
const expectations = new WeakMap<object, WeakMap<object, Expectation>>();

function expectationFor<P extends z.ZodType>(spec: SettingSpec<P>, params: z.infer<P>): Expectation {
  if (typeof params !== 'object' || params === null) return spec.expect(params);
  let bySpec = expectations.get(params);
  if (!bySpec) expectations.set(params, (bySpec = new WeakMap()));
  let expectation = bySpec.get(spec);
  if (!expectation) bySpec.set(spec, (expectation = spec.expect(params)));
  return expectation;
}

/** Evaluates one keyed setting against its expectation: the shared body of every "option X must be Y" control. */
export function evaluateSetting<P extends z.ZodType>(
  facts: EsxiHostFacts,
  params: z.infer<P>,
  spec: SettingSpec<P>,
): RuleResult {
  const { path: base, values, name } = settingsOf(facts, spec.source ?? 'advanced');
  const path = `${base}[${spec.key}]`;
  const expectation = expectationFor(spec, params);
  return withFact(base, values, (known) => {
    if (!Object.hasOwn(known, spec.key)) {
      const absent = spec.whenAbsent ?? 'unknown';
      if (absent === 'not_applicable')
        return result.notApplicable(path, `${name} ${spec.key} does not exist on this host`);
      if (absent === 'unknown') return result.unknown(path, `${name} ${spec.key} was not reported by the host`);
      return result.fail(
        path,
        `${name} ${spec.key} is not set; expected ${expectation.describe}`,
        null,
        expectation.describe,
      );
    }
    const raw = known[spec.key];
    if (isUnknown(raw)) return result.unknown(path, `${name} ${spec.key}: ${raw.reason}`);
    const value = normalize(raw, spec.kind);
    if (value === undefined)
      return result.unknown(path, `${name} ${spec.key} = ${JSON.stringify(raw)} is not a ${spec.kind}`);
    return verdict(
      expectation.test(value),
      path,
      {
        pass: `${spec.key} = ${JSON.stringify(value)} (expected ${expectation.describe})`,
        fail: `${spec.key} is ${JSON.stringify(value)}; expected ${expectation.describe}`,
      },
      value,
      expectation.describe,
    );
  }) as RuleResult;
}

export type RuleMeta<P extends z.ZodType> = Omit<RuleDefinition<P>, 'evaluate' | 'platforms'>;

/** An ESXi rule whose whole body is one keyed setting compared with a per-profile expectation. */
export function defineSettingRule<P extends z.ZodType>(
  meta: RuleMeta<P>,
  spec: SettingSpec<P>,
): RuleDefinition<P, 'esxi'> {
  return defineRule({ ...meta, platforms: ['esxi'], evaluate: (esxi, params) => evaluateSetting(esxi, params, spec) });
}
