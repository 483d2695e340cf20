import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Secret and trust files (passwords, keys, CA bundles, known_hosts) are small; a larger one is a mistake or a trap. */
export const MAX_SECRET_FILE_BYTES = 1024 * 1024;

/**
 * Non-blocking open: opening a FIFO for reading would otherwise wait for a writer before the file can be seen to be
 * no regular file (and that wait ignores every timeout and SIGINT).
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A file that cannot be used; the message names the file and says why ("cannot read /x (ENOENT)", "/x is a directory"). */
export class FileProblem extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}

function refusal(path: string, stats: Stats, maxBytes: number): FileProblem | undefined {
  if (stats.isDirectory()) return new FileProblem(path, `${path} is a directory`, 'EISDIR');
  // /dev/zero, /dev/random, a FIFO or a socket never ends or blocks: refused before any byte is read.
  if (!stats.isFile())
    return new FileProblem(path, `${path} is not a regular file (a device, FIFO or socket)`, 'ENOTREG');
  if (stats.size > maxBytes)
    return new FileProblem(path, `${path} is ${stats.size} bytes; at most ${maxBytes} are read`, 'EFBIG');
  return undefined;
}

/** One byte more than the file's size: a file that grows while it is read fills it and is refused. */
function bufferFor(stats: Stats): Buffer {
  return Buffer.alloc(stats.size + 1);
}

function text(path: string, buffer: Buffer, length: number): string {
  if (length === buffer.length) throw new FileProblem(path, `${path} grew while it was read`, 'EAGAIN');
  return buffer.toString('utf8', 0, length);
}

function unreadable(path: string, err: unknown): FileProblem {
  const code = (err as NodeJS.ErrnoException).code;
  return new FileProblem(path, `cannot read ${path} (${code ?? (err as Error).message})`, code);
}

/** The whole text of a regular file of at most `maxBytes`, read without blocking the event loop. */
export async function readBoundedFile(path: string, maxBytes = MAX_SECRET_FILE_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    const stats = await handle.stat();
    const problem = refusal(path, stats, maxBytes);
    if (problem) throw problem;
    const buffer = bufferFor(stats);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = (await handle.read(buffer, length, buffer.length - length)).bytesRead;
    return text(path, buffer, length);
  } catch (err) {
    throw err instanceof FileProblem ? err : unreadable(path, err);
  } finally {
    await handle.close();
  }
}

/** readBoundedFile for synchronous callers (the config file, a CA bundle while an agent is built). */
export function readBoundedFileSync(path: string, maxBytes = MAX_SECRET_FILE_BYTES): string {
  let fd;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    const stats = fstatSync(fd);
    const problem = refusal(path, stats, maxBytes);
    if (problem) throw problem;
    const buffer = bufferFor(stats);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    return text(path, buffer, length);
  } catch (err) {
    throw err instanceof FileProblem ? err : unreadable(path, err);
  } finally {
    closeSync(fd);
  }
}
