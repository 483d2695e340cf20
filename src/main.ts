import { runCli } from './cli.js';
import type { CliContext } from './commands/command.js';
import { crashHandler } from './core/crash.js';
import { interruptOnSignals } from './core/interrupt.js';

/**
 * The process around the CLI: signals, the crash path (unhandled rejections and uncaught exceptions end through the
 * redactor and write the partial report, as an internal error does), and the exit once stdout is drained.
 * `overrides` lets a test entry replace parts (connectors) and keep everything else.
 */
export function main(argv: readonly string[], overrides: Partial<CliContext> = {}): void {
  const crash = crashHandler(process.stderr, (code) => process.exit(code));
  process.on('unhandledRejection', crash);
  process.on('uncaughtException', crash);
  runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    signal: interruptOnSignals(process.stderr, () => process.exit(130)),
    env: process.env,
    ...overrides,
  }).then(
    // Exit once stdout has taken everything written to it (large schema output into a pipe).
    (code) => process.stdout.write('', () => process.exit(code)),
    crash,
  );
}
