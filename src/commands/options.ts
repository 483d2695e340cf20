import { InvalidArgumentError, Option } from 'commander';
import { didYouMean } from '../core/text/suggest.js';

/** A flag with a fixed set of values, accepted in any case (`--fail-on HIGH`), with a suggestion when misspelt. */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  return withChoices(new Option(flags, description).argParser((value: string) => oneOf(value, values)), values);
}

/** Help and shell completion list the values; the parser above (not commander's) checks them, in any case. */
function withChoices(option: Option, values: readonly string[]): Option {
  option.argChoices = [...values];
  return option;
}

/**
 * A flag taking a comma-separated list of fixed values, repeatable (`--severity critical,HIGH --severity medium`),
 * any case.
 */
export function choiceListOption(flags: string, description: string, values: readonly string[]): Option {
  const option = new Option(flags, `${description}; comma-separated or repeated`).argParser(
    (value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      ...value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => oneOf(v, values)),
    ],
  );
  return withChoices(option, values);
}

/** A repeatable flag collecting its values (`--target a --target b`). */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function oneOf(value: string, values: readonly string[]): string {
  const match = values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
  if (match) return match;
  throw new InvalidArgumentError(`expected one of ${values.join(', ')}${didYouMean(value, values)}`);
}

/** --rules-dir DIR, repeatable: folders of custom rules (docs/custom-rules.md), relative to the working directory. */
export const RULES_DIR_FLAGS = ['--rules-dir <dir>', 'load custom rules (.js, .mjs) from this folder (repeatable)'] as const;

/** A positive number of seconds (`--timeout 30`). */
export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected a number of seconds, > 0 and <= 86400');
  return n;
}
