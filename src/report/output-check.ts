import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { OutputOptions } from '../core/config/schema.js';
import { appendableLogFile } from '../core/log/index.js';
import { REPORT_FORMATS } from './index.js';
import { resolveOutputTarget } from './output-target.js';

/** A rough floor for what the reports of one scan take on disk: enough to refuse a full disk before an hour of scanning. */
export function bytesNeeded(targets: number): number {
  return 1024 * 1024 + targets * 128 * 1024;
}

/**
 * What would stop a report from being written, found before the first connection and all at once: what
 * resolveOutputTarget refuses (a directory, a socket, a block device, a symlink loop, a missing directory), a
 * read-only directory, two formats on one file, too little free space. One line per problem, naming
 * `output.<format>`. Standard output, FIFOs and character devices are written in place: nothing more to check.
 */
export async function outputProblems(outputs: OutputOptions, targets: number): Promise<string[]> {
  const problems: string[] = [];
  const formatByFile = new Map<string, string>();
  const directories = new Map<string, string>();
  for (const format of REPORT_FORMATS) {
    const path = outputs[format];
    if (!path) continue;
    const where = `output.${format}`;
    const target = await resolveOutputTarget(path, where).catch(
      (err: Error) => (problems.push(err.message), undefined),
    );
    if (target?.kind !== 'file') continue;
    const same = formatByFile.get(target.path);
    if (same) problems.push(`${where}: ${path} is also output.${same}; give each format its own file`);
    formatByFile.set(target.path, format);
    const directory = dirname(target.path);
    const unwritable = await directoryProblem(directory);
    if (unwritable) problems.push(`${where}: cannot write beside ${path} (${unwritable})`);
    else if (!directories.has(directory)) directories.set(directory, where);
  }
  const needed = bytesNeeded(targets);
  for (const [directory, where] of directories) {
    const space = await statfs(directory).catch(() => undefined);
    const free = space ? space.bavail * space.bsize : undefined;
    if (free !== undefined && free < needed) {
      problems.push(
        `${where}: ${mib(free)} MiB free in ${directory}; the reports of ${targets} target(s) need about ${mib(needed)} MiB`,
      );
    }
  }
  return problems;
}

/** The log file: what the logger would refuse (src/core/log/index.ts), and a directory in which it cannot be created. */
export async function logFileProblems(path: string): Promise<string[]> {
  if (path === '-') return [];
  try {
    appendableLogFile(path);
  } catch (err) {
    return [(err as Error).message];
  }
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  const unwritable = exists ? undefined : await directoryProblem(dirname(resolve(path)));
  return unwritable ? [`--log-file: cannot create ${path} (${unwritable})`] : [];
}

/** Why no file can be created in `directory` (an error code), or undefined when one can. */
async function directoryProblem(directory: string): Promise<string | undefined> {
  try {
    if (!(await stat(directory)).isDirectory()) return 'ENOTDIR';
    await access(directory, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
