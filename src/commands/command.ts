import type { Command, OptionValues } from 'commander';
import type { z } from 'zod';
import type { Connector } from '../core/connector/types.js';
import type { Target } from '../core/config/schema.js';

// The contract between src/cli.ts and each command module. Here, below the CLI, so that commands never import
// src/cli.ts (which loads them).

/** What a command gets besides its options: where to write, the interrupt signal, and (for tests) replaced parts. */
export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Progress and human log lines only when the terminal is interactive. */
  isTTY: boolean;
  /** Fires on SIGINT/SIGTERM. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  connectorFor?: (target: Target) => Promise<Connector>;
}

/** What src/cli.ts hands a command: commander's values, not yet checked (src/commands/typed.ts checks them). */
export interface RawInput {
  /** Positional arguments, a variadic one spread. */
  args: string[];
  /** The command's option values merged with the global ones (--log-level, --log-file), as commander holds them. */
  options: OptionValues;
  /** The command, whose declared options name the flags in error messages. */
  command: Command;
}

/**
 * Runs a command on commander's values; returns the exit code. Throws ExitError/UserError to end with a message.
 * Built by typedHandler(), which checks the values against the command's schemas first.
 */
export interface CommandHandler {
  (input: RawInput, context: CliContext): Promise<number>;
  /** The command's options, the global ones included: a key for every option the command declares. */
  readonly options: z.ZodObject;
}

/**
 * A command module (src/commands/<name>.ts): declares its arguments and options, returns its handler. `commands` is
 * the program's command table, for a command about the program itself (completion): handed down, so no command
 * imports src/cli.ts.
 */
export interface CommandModule {
  define(command: Command, commands: CommandTable): CommandHandler;
}

/** The command table, one line per command: name, one-line summary, module (src/cli.ts holds it). */
export type CommandTable = ReadonlyArray<[name: string, summary: string, load: () => Promise<CommandModule>]>;
