import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { ReportHost } from '../core/report/schema.js';

/** A host entry's JSON text as the report holds it (`JSON.stringify(host)`, one line), when it was spooled. */
export type HostText = (host: ReportHost) => string | undefined;

/**
 * Host entries of a scan that writes only the JSON report, parked in a private temp file (beside the report) as each host is
 * judged: the scan then holds no host's facts or findings (at 1,000 hosts they were most of its memory), and the JSON
 * writer reads each entry back in target order. The file is removed by `close`.
 */
export class HostSpool {
  private readonly fd: number;
  private readonly path: string;
  private offset = 0;
  private readonly ranges = new WeakMap<ReportHost, { offset: number; length: number }>();

  /** `dir`: beside the report when it is a regular file (same disk), else the system temp directory. */
  constructor(dir: string) {
    this.path = join(dir, `.hvscan-report.${process.pid}.${randomBytes(4).toString('hex')}.hosts.tmp`);
    this.fd = openSync(this.path, 'wx+', 0o600);
  }

  /** Stores the entry; returns the stub that stands for it in the report object (facts null, no findings). */
  park(entry: ReportHost): ReportHost {
    const bytes = Buffer.from(JSON.stringify(entry), 'utf8');
    try {
      for (let done = 0; done < bytes.length;)
        done += writeSync(this.fd, bytes, done, bytes.length - done, this.offset + done);
    } catch (err) {
      throw new UserError(
        `output.json: cannot write ${this.path} (host ${entry.name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        { cause: err },
      );
    }
    const stub: ReportHost = { ...entry, facts: null, findings: [] };
    this.ranges.set(stub, { offset: this.offset, length: bytes.length });
    this.offset += bytes.length;
    return stub;
  }

  readonly text: HostText = (host) => {
    const range = this.ranges.get(host);
    if (!range) return undefined;
    const bytes = Buffer.allocUnsafe(range.length);
    for (let done = 0; done < range.length;) {
      const n = readSync(this.fd, bytes, done, range.length - done, range.offset + done);
      if (n === 0) throw new Error(`${this.path}: spooled host entry ${host.name} is cut short`);
      done += n;
    }
    return bytes.toString('utf8');
  };

  /** Closes and removes the file (it runs in a finally: a second close is not an error). */
  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
    rmSync(this.path, { force: true });
  }
}
