import type { ReportHost, ScanReport } from '../core/report/schema.js';
import type { HostText } from './spool.js';

/**
 * The report's host entries for a writer, in report order, read again on every call: an entry a streamed scan parked
 * in its spool is read back (and parsed, for `entries`) one at a time, so a writer that needs a second pass (totals
 * before details, as the HTML has) reads the spool twice instead of holding every host.
 */
export interface HostSource {
  entries(): Iterable<ReportHost>;
  /** Each entry as `JSON.stringify(entry)`, which is how the spool keeps it (no parse and re-stringify). */
  texts(): Iterable<string>;
  /** The entry of the host of this name (read back from the spool), for a diff that pairs hosts by name. */
  entryNamed(name: string): ReportHost | undefined;
}

export function hostSource(report: Pick<ScanReport, 'hosts'>, hostText?: HostText): HostSource {
  let byName: Map<string, ReportHost> | undefined;
  const entryOf = (host: ReportHost): ReportHost => {
    const text = hostText?.(host);
    return text === undefined ? host : (JSON.parse(text) as ReportHost);
  };
  return {
    *entries() {
      for (const host of report.hosts) yield entryOf(host);
    },
    *texts() {
      for (const host of report.hosts) yield hostText?.(host) ?? JSON.stringify(host);
    },
    entryNamed(name) {
      // The first entry of a name, as a diff pairs them (stubs or whole entries: the report holds them anyway).
      byName ??= new Map([...report.hosts].reverse().map((host) => [host.name, host]));
      const host = byName.get(name);
      return host && entryOf(host);
    },
  };
}
