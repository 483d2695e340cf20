import type { z } from 'zod';
import { didYouMean } from '../text/suggest.js';

/** `targets[3].port` from ['targets', 3, 'port']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(config)' : out;
}

/** Keys whose values may be secrets put in the wrong place: never echoed back. */
const SECRET_LOOKING = /pass|secret|token/i;

/** Inline secrets get a pointer to the supported sources instead of "unknown key". */
const INLINE_SECRET_HINTS: Record<string, string> = {
  password:
    'inline passwords are not accepted; use passwordEnv (name of an environment variable) or passwordFile (path of a file)',
  passphrase: 'inline passphrases are not accepted; use passphraseEnv (name of an environment variable)',
  privateKey: 'inline private keys are not accepted; use privateKeyPath (path of the key file) or agent: true',
};

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

/**
 * Per-parse error map: plain "expected X" wording for zod's defaults. Messages a schema sets itself
 * (`expected an integer 1-65535`) take precedence over this map.
 */
export function expectedMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required: expected ${article(issue.expected)}`
        : `expected ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1
          ? 'expected a non-empty string'
          : `expected at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string')
        return `expected at most ${issue.maximum} ${issue.origin === 'array' ? 'item(s)' : 'characters'}`;
      return `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** " (did you mean "esxi"?)" when a string value is close to one of the allowed ones. */
function valueSuggestion(value: unknown, allowed: readonly unknown[]): string {
  return typeof value === 'string'
    ? didYouMean(
        value,
        allowed.filter((a): a is string => typeof a === 'string'),
      )
    : '';
}

/**
 * One line per problem, each naming the JSON path, what was expected and (unless it may be a secret) what was found,
 * with "did you mean …?" for a misspelt key or value. `keysAt` gives the keys allowed at a path, for the suggestion.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  keysAt: (path: readonly PropertyKey[]) => string[] | undefined = () => undefined,
): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(issue.path) ?? [];
      for (const key of issue.keys) {
        const hint =
          INLINE_SECRET_HINTS[key] ??
          `unknown key${didYouMean(key, known) || ' (check the spelling; unknown keys are not ignored)'}`;
        lines.push(`${formatPath([...issue.path, key])}: ${hint}`);
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
      const allowed = (issue as { options?: unknown[] }).options ?? [];
      const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
      const found = describeValue(value);
      lines.push(
        `${formatPath(issue.path)}: expected one of ${allowed.map((o) => JSON.stringify(o)).join(', ')}${found ? `, got ${found}${valueSuggestion(value, allowed)}` : ' (missing)'}`,
      );
      continue;
    }
    const last = issue.path[issue.path.length - 1];
    const found = typeof last === 'string' && SECRET_LOOKING.test(last) ? undefined : describeValue(issue.input);
    const suggestion = found && issue.code === 'invalid_value' ? valueSuggestion(issue.input, issue.values) : '';
    lines.push(`${formatPath(issue.path)}: ${issue.message}${found ? `, got ${found}${suggestion}` : ''}`);
  }
  return lines;
}
