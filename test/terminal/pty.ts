import { spawn } from 'node:child_process';
import { projectFile } from '../../src/core/paths.js';

/** Single-quoted for sh. */
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI (src/index.ts through tsx) inside a pseudo-terminal with `script` (Debian bsdutils), so stdout and
 * stderr are both a TTY of the given size, as in an interactive shell. Returns the exit code and everything printed.
 */
export function runInPty(
  args: string[],
  options: {
    columns?: number;
    rows?: number;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    cwd?: string;
    input?: string;
  } = {},
): Promise<{ code: number | null; output: string }> {
  const command = [
    `cd ${quote(options.cwd ?? projectFile('.'))};`,
    `stty cols ${options.columns ?? 120} rows ${options.rows ?? 40};`,
    'exec',
    quote(process.execPath),
    `--import ${quote(import.meta.resolve('tsx'))}`,
    quote(projectFile('src/index.ts')),
    ...args.map(quote),
  ].join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: options.cwd ?? projectFile('.'),
    env,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  // Typed into the terminal: what a user answers to prompts.
  if (options.input !== undefined) child.stdin!.end(options.input);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.replace(/\r\n/g, '\n') });
    }),
  );
}

/** The text without colour codes. */
export const uncolored = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
