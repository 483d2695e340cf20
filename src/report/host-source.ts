import type { ReportHost, ScanReport } from '../core/report/schema.js';
import type { HostText } from './spool.js';

/**
 * The report's host entries for a writer, in report order, read again on every call: an entry a streamed scan parked
 * in its spool is read back (and parsed, for `entries`) one at a time, so a writer that needs a second pass (totals
 * before details, as the HTML has) reads the spool twice instead of holding every host.
 */
export interface HostSource {
  entries(): Iterable<ReportHost>;
  /** Each entry as `JSON.stringify(entry, null, 2)`, which is how the spool keeps it (no parse and re-stringify). */
  texts(): Iterable<string>;
}

export function hostSource(report: Pick<ScanReport, 'hosts'>, hostText?: HostText): HostSource {
  return {
    *entries() {
      for (const host of report.hosts) {
        const text = hostText?.(host);
        yield text === undefined ? host : (JSON.parse(text) as ReportHost);
      }
    },
    *texts() {
      for (const host of report.hosts) yield hostText?.(host) ?? JSON.stringify(host, null, 2);
    },
  };
}
