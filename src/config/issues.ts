import type { z } from 'zod';

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
  password: 'inline passwords are not accepted; use passwordEnv (name of an environment variable) or passwordFile (path of a file)',
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
      return issue.input === undefined ? `required: expected ${article(issue.expected)}` : `expected ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'expected a non-empty string' : `expected at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string') return `expected at most ${issue.maximum} ${issue.origin === 'array' ? 'item(s)' : 'characters'}`;
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

/** One line per problem, each naming the JSON path, what was expected and (unless it may be a secret) what was found. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${formatPath([...issue.path, key])}: ${INLINE_SECRET_HINTS[key] ?? 'unknown key (check the spelling; unknown keys are not ignored)'}`);
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
      const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
      const found = describeValue((issue.input as Record<string, unknown> | undefined)?.[issue.discriminator]);
      lines.push(`${formatPath(issue.path)}: expected one of ${options}${found ? `, got ${found}` : ' (missing)'}`);
      continue;
    }
    const last = issue.path[issue.path.length - 1];
    const found = typeof last === 'string' && SECRET_LOOKING.test(last) ? undefined : describeValue(issue.input);
    lines.push(`${formatPath(issue.path)}: ${issue.message}${found ? `, got ${found}` : ''}`);
  }
  return lines;
}
