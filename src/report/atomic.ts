import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` only with a complete file: write a temp file in the same directory, flush it to disk, rename it over
 * the target (atomic on POSIX), then flush the directory entry. A crash at any point leaves the old file or the new one.
 */
export async function writeFileAtomic(path: string, data: string | Buffer | Iterable<string>): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', 0o644);
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) await file.writeFile(data);
    else for (const batch of batched(data)) await file.writeFile(batch);
    await file.sync();
    await file.close();
    await rename(temp, path);
  } catch (err) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/** Text pieces gathered into batches of about 1 MB, so a report written host by host costs few system calls (writeFile
 * continues at the current position and writes everything, where a single write() may stop short). */
export function* batched(chunks: Iterable<string>): Iterable<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 1 << 20) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** Makes the rename durable; some filesystems refuse fsync on a directory, which costs durability, not atomicity. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
