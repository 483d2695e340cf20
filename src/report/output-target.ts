import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { batched, writeFileAtomic } from './atomic.js';

/**
 * Where an output goes, decided before anything is written:
 * - `stdout`: `-`, or a name of this process's standard output (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`);
 * - `device`: an existing FIFO or character device, opened and written in place (a rename would replace the node);
 * - `file`: a regular file, new or existing, replaced atomically. A symlink is followed: `path` is its final target,
 *   so the temp file and the rename happen beside the target and the link itself stays a link.
 * Anything else (a directory, a socket, a block device, a symlink loop) is refused, with the config key named.
 */
export type OutputTarget = { kind: 'stdout' } | { kind: 'device'; path: string } | { kind: 'file'; path: string };

const STDOUT_NAMES = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);
/** The kernel's own limit on symlinks followed in one lookup (Linux MAXSYMLINKS). */
const MAX_LINKS = 40;

export async function resolveOutputTarget(path: string, key: string): Promise<OutputTarget> {
  if (STDOUT_NAMES.has(path)) return { kind: 'stdout' };
  const refuse = (what: string): never => {
    throw new UserError(
      `${key}: ${path} is ${what}; write to a regular file, a FIFO, a character device or - (stdout)`,
    );
  };
  const found = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    if (err.code === 'ELOOP') return refuse('a symlink loop');
    // A path under a regular file: no file can be created there.
    if (err.code === 'ENOTDIR') throw new UserError(`${key}: cannot write beside ${path} (ENOTDIR)`);
    throw new UserError(`${key}: cannot inspect ${path} (${err.code ?? err.message})`, { cause: err });
  });
  if (!found) return { kind: 'file', path: await inExistingDirectory(await danglingTarget(path, refuse), key) };
  if (found.isFile()) return { kind: 'file', path: await realpath(path) };
  if (found.isFIFO() || found.isCharacterDevice()) return { kind: 'device', path };
  return refuse(found.isDirectory() ? 'a directory' : found.isSocket() ? 'a socket' : 'a block device');
}

/** A path that does not exist yet, or a symlink chain ending in one: the file to create (beside the chain's end). */
async function danglingTarget(path: string, refuse: (what: string) => never): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const link = await lstat(current).catch(() => undefined);
    if (!link?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  return refuse('a symlink chain longer than 40 links');
}

/** A new file's directory must exist now: a scan fails before connecting, not after hours of work. */
async function inExistingDirectory(path: string, key: string): Promise<string> {
  const dir = await stat(dirname(path)).catch(() => undefined);
  if (!dir?.isDirectory())
    throw new UserError(`${key}: cannot write ${path}: its directory ${dirname(path)} does not exist`);
  return path;
}

/** Where a scan may park temp files for this output: beside a regular file, else the system temp directory. */
export function scratchDirFor(target: OutputTarget): string {
  return target.kind === 'file' ? dirname(target.path) : tmpdir();
}

/** Writes one output to its target (see OutputTarget); the data may come in pieces, as large reports do. */
export async function writeOutput(
  target: OutputTarget,
  data: string | Buffer | Iterable<string>,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  if (target.kind === 'file') return writeFileAtomic(target.path, data);
  if (target.kind === 'stdout') return writeStream(stdout, data);
  // O_NOCTTY: a terminal named as output never becomes this process's controlling terminal.
  const file = await open(target.path, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    for (const piece of pieces(data)) await file.writeFile(piece);
  } finally {
    await file.close();
  }
}

function pieces(data: string | Buffer | Iterable<string>): Iterable<string | Buffer> {
  return typeof data === 'string' || Buffer.isBuffer(data) ? [data] : batched(data);
}

/** Writes to a stream with its backpressure respected; the stream stays open (stdout belongs to the process). */
async function writeStream(stream: NodeJS.WritableStream, data: string | Buffer | Iterable<string>): Promise<void> {
  for (const piece of pieces(data)) {
    const drained = stream.write(piece);
    if (!drained) await new Promise<void>((done) => stream.once('drain', done));
  }
}

/** Checks every output before a scan starts and returns the targets to write; the first bad one is an error. */
export async function resolveOutputTargets<K extends string>(
  paths: Partial<Record<K, string>>,
  keyPrefix: string,
): Promise<Map<K, OutputTarget>> {
  const targets = new Map<K, OutputTarget>();
  for (const [name, path] of Object.entries(paths) as [K, string | undefined][]) {
    if (path) targets.set(name, await resolveOutputTarget(path, `${keyPrefix}${name}`));
  }
  const toStdout = [...targets].filter(([, target]) => target.kind === 'stdout').map(([name]) => `${keyPrefix}${name}`);
  if (toStdout.length > 1) throw new UserError(`${toStdout.join(' and ')}: only one output can go to stdout`);
  return targets;
}

/** Resolves and writes one output named by `key` in errors (diff -o, the audit history's files). */
export async function writeOutputPath(
  path: string,
  key: string,
  data: string | Buffer | Iterable<string>,
  stdout?: NodeJS.WritableStream,
): Promise<void> {
  const target = await resolveOutputTarget(path, key);
  try {
    await writeOutput(target, data, stdout);
  } catch (err) {
    throw new UserError(
      `${key}: cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err },
    );
  }
}
