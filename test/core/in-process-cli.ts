import { Writable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import type { CliContext } from '../../src/commands/command.js';

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], overrides: Partial<CliContext> = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (t: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    isTTY: false,
    signal: new AbortController().signal,
    env: {},
    ...overrides,
  });
  return { code, stdout, stderr };
}
