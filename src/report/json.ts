import type { ReportWriter } from './index.js';
import type { ScanReport } from '../core/report/schema.js';
import { hostSource, type HostSource } from './host-source.js';

const indent = (text: string, pad: string) => text.replace(/\n/g, `\n${pad}`);

/**
 * Exactly the text of `JSON.stringify(report, null, 2)` plus a newline, host by host: a 1,000-host report is about
 * 140 MB, and as one string (two bytes per character once any character is not Latin-1) plus its encoded copy it
 * dominated a scan's peak memory. Newlines only occur between tokens in JSON text, so re-indenting them is safe.
 * Entries a streamed scan spooled come from `hosts` (their stubs in `report` hold no facts or findings).
 */
export function jsonChunks(report: ScanReport, hosts: HostSource = hostSource(report)): Generator<string> {
  return jsonWithHosts(report, hosts.texts());
}

/**
 * The report's text with its `hosts` array made of the given entry texts (each `JSON.stringify(entry, null, 2)`), in
 * their order: a scan's spool or a merge's inputs supply them one at a time.
 */
export function* jsonWithHosts(report: Omit<ScanReport, 'hosts'> & { hosts?: unknown }, hostEntries: Iterable<string>): Generator<string> {
  const entries = Object.entries({ ...report, hosts: [] }).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i > 0 ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (key === 'hosts') {
      let count = 0;
      for (const text of hostEntries) yield `${count++ > 0 ? ',' : '['}\n    ${indent(text, '    ')}`;
      yield count > 0 ? '\n  ]' : '[]';
    } else {
      yield indent(JSON.stringify(value, null, 2), '  ');
    }
  }
  yield '\n}\n';
}

/** The contract format: the report exactly as schemas/report.schema.json describes it. */
export const jsonWriter: ReportWriter = { format: 'json', chunks: jsonChunks };
