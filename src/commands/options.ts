import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { LOG_LEVELS } from '../core/log/logger.js';
import { didYouMean } from '../core/text/suggest.js';

// Each flag is declared twice, in one place per command: for commander (spelling, help, completion) and as a zod
// field (the value's type and form, checked once by src/commands/typed.ts). Fixed value lists are shared by both.

/** A flag with a fixed set of values, accepted in any case (`--fail-on HIGH`), with a suggestion when misspelt. */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  return withChoices(
    new Option(flags, description).argParser((value: string) => oneOf(value, values)),
    values,
  );
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
  throw new InvalidArgumentError(`${expectedOneOf(values)}${didYouMean(value, values)}`);
}

const expectedOneOf = (values: readonly string[]) => `expected one of ${values.join(', ')}`;

/** --rules-dir DIR, repeatable: folders of custom rules (docs/custom-rules.md), relative to the working directory. */
export const RULES_DIR_FLAGS = [
  '--rules-dir <dir>',
  'load custom rules (.js, .mjs) from this folder (repeatable)',
] as const;

/** What --platform names: a config target's platform. */
export const TARGET_PLATFORMS = ['esxi', 'vcenter', 'hyperv'] as const;

/** The value of a choiceOption over the same list (commander has matched the case already). */
export const choice = <const T extends readonly string[]>(values: T) =>
  z.enum(values, { error: expectedOneOf(values) });

/** The values of a choiceListOption over the same list. */
export const choices = <const T extends readonly string[]>(values: T) => z.array(choice(values)).optional();

/** The values of a `repeatable` flag. */
export const texts = z.array(z.string()).optional();

/** A boolean flag: absent is false. */
export const flag = z.boolean().default(false);

/** A number within bounds, from the flag's text or commander's default; `expected` is the error's wording. */
function numberWhere(expected: string, ok: (n: number) => boolean) {
  return valueAs(z.union([z.string(), z.number()]), expected, (value) => {
    const n = Number(value);
    return ok(n) ? n : undefined;
  });
}

/** A positive number of seconds (`--timeout 30`). */
export const seconds = numberWhere('expected a number of seconds, > 0 and <= 86400', (n) => n > 0 && n <= 86_400);

/** A whole number of hosts or milliseconds (`--esxi 3`, `--latency 50`). */
export const wholeNumber = numberWhere('expected an integer 0-5000', (n) => Number.isInteger(n) && n >= 0 && n <= 5000);

/** A flag's text read by `read`, which returns undefined when the text is not of the form `expected` names. */
export const textAs = <T>(expected: string, read: (text: string) => T | undefined) =>
  valueAs(z.string(), expected, read);

function valueAs<Given, T>(given: z.ZodType<Given>, expected: string, read: (value: Given) => T | undefined) {
  return given.transform((value, ctx) => {
    const result = read(value);
    if (result !== undefined) return result;
    ctx.addIssue({ code: 'custom', message: expected, input: value });
    return z.NEVER;
  });
}

/** The program's options (src/cli.ts), which every command receives with its own. */
export const GlobalOptions = z.strictObject({
  logLevel: choice(LOG_LEVELS).optional(),
  logFile: z.string().optional(),
  quiet: flag,
  /** false: --no-color. */
  color: z.boolean(),
});
export type GlobalOptions = z.output<typeof GlobalOptions>;
