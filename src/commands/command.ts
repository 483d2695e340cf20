import type { Command } from 'commander';
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

export interface CommandInput {
  args: string[];
  /** The command's options merged with the global ones (--log-level, --log-file). */
  options: Record<string, unknown>;
}

/** Runs a command with parsed input; returns the exit code. Throws ExitError/UserError to end with a message. */
export type CommandHandler = (input: CommandInput, context: CliContext) => Promise<number>;

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
