import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface HeldLock {
  path: string;
  /** Set when a stale lock of a dead process was taken over. */
  tookOverFrom?: LockInfo;
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An exclusive lock file (O_EXCL) so two audits never write the same history at once. A lock left by a process that
 * no longer runs on this machine is stale and is taken over; a lock from another machine is never taken over.
 */
export function acquireLock(path: string, now: Date = new Date()): HeldLock {
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  let tookOverFrom: LockInfo | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me) + '\n');
      closeSync(fd);
      let released = false;
      return {
        path,
        tookOverFrom,
        release() {
          if (released) return;
          released = true;
          if (readLock(path)?.pid === me.pid) unlinkSync(path);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserError(`history lock ${path}: ${(err as Error).message}`, { cause: err });
      }
      const holder = readLock(path);
      const stale = holder === undefined ? false : holder.host === me.host && !processAlive(holder.pid);
      if (!stale || attempt > 0) {
        const who = holder
          ? `pid ${holder.pid} on ${holder.host} since ${holder.startedAt}`
          : 'an unreadable lock file';
        throw new UserError(`another audit holds ${path} (${who}); remove the file if that process is gone`);
      }
      tookOverFrom = holder;
      unlinkSync(path);
    }
  }
  throw new UserError(`history lock ${path}: could not be acquired`);
}
