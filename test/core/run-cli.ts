import { spawn, type ChildProcess } from 'node:child_process';
import { projectFile } from '../../src/core/paths.js';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry (src/index.ts by default) in a child Node with tsx, from the project root. */
export function spawnTs(args: string[], options: { env?: NodeJS.ProcessEnv; entry?: string; cwd?: string } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', projectFile(options.entry ?? 'src/index.ts'), ...args], {
    cwd: options.cwd ?? projectFile('.'),
    env: { ...process.env, ...options.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, finished, output: () => ({ stdout, stderr }) };
}

export function runTs(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; entry?: string; cwd?: string } = {},
): Promise<Finished> {
  return spawnTs(args, options).finished;
}

/** Resolves when `pattern` has appeared `count` times in the child's stderr. */
export function waitForStderr(child: ChildProcess, pattern: RegExp, count = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk;
      if ((text.match(new RegExp(pattern.source, 'g')) ?? []).length >= count) {
        child.stderr!.off('data', onData);
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('close', () => reject(new Error(`child exited before ${pattern} appeared ${count} time(s):\n${text}`)));
  });
}
