import type { Command } from 'commander';
import type { z } from 'zod';
import type { CliContext, CommandHandler, RawInput } from './command.js';
import { UserError } from '../core/errors.js';

/** A command's checked input: its positional arguments and options as its schemas give them. */
interface TypedInput<Args, Options> {
  args: Args;
  options: Options;
}

/**
 * The one place commander's values become typed: `run` receives the arguments and options its schemas produce. A value
 * they refuse is a usage error (exit 2) naming the flag or argument, the expected form, and the value given.
 */
export function typedHandler<Args extends z.ZodType, Options extends z.ZodObject>(
  schemas: { args: Args; options: Options },
  run: (input: TypedInput<z.output<Args>, z.output<Options>>, context: CliContext) => Promise<number>,
): CommandHandler {
  const handler = (raw: RawInput, context: CliContext) => {
    const args = schemas.args.safeParse(raw.args, { reportInput: true });
    const options = schemas.options.safeParse(raw.options, { reportInput: true });
    if (!args.success || !options.success) {
      const problems = [
        ...(args.error?.issues ?? []).map((issue) => problem(argumentName(raw.command, issue.path[0]), issue)),
        ...(options.error?.issues ?? []).map((issue) => optionProblem(raw.command, issue)),
      ];
      throw new UserError(problems.join('\n'));
    }
    return run({ args: args.data, options: options.data }, context);
  };
  return Object.assign(handler, { options: schemas.options });
}

/** `--timeout: expected a number of seconds, > 0 and <= 86400, got "0"`. */
function problem(name: string, issue: z.core.$ZodIssue): string {
  return `${name}: ${issue.message}${issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`}`;
}

function optionProblem(command: Command, issue: z.core.$ZodIssue): string {
  // A key commander holds and the schema lacks: a flag declared without its schema field.
  if (issue.code === 'unrecognized_keys')
    return `${issue.keys.map((key) => flagName(command, key)).join(', ')}: not an option of hvscan ${command.name()}`;
  return problem(flagName(command, String(issue.path[0])), issue);
}

/** The flag as the user types it (`--fail-on`, `--no-color`), from the command or the program above it. */
function flagName(command: Command, key: string): string {
  for (let level: Command | null = command; level; level = level.parent) {
    const option = level.options.find((o) => o.attributeName() === key);
    if (option) return option.long ?? option.flags;
  }
  return key;
}

/** `<file>`; the last (variadic) argument names every value beyond it. */
function argumentName(command: Command, index: PropertyKey | undefined): string {
  const declared = command.registeredArguments;
  const argument = declared[Math.min(Number(index ?? 0), declared.length - 1)];
  return argument ? `<${argument.name()}>` : 'arguments';
}
