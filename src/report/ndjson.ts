import type { ReportWriter } from './index.js';
import { ruleInReport, type ScanReport } from '../core/report/schema.js';
import type { HostSource } from './host-source.js';

/**
 * One rule result per line (every status, as the CSV has), each line a whole JSON object that names its host,
 * platform and rule title: for jq, SIEMs and log pipelines, which read line by line and never the whole report.
 */
export function* ndjsonChunks(report: ScanReport, hosts: HostSource): Generator<string> {
  for (const host of hosts.entries()) {
    let lines = '';
    for (const finding of host.findings) {
      const line = {
        host: host.name,
        target: host.target,
        platform: host.platform,
        title: ruleInReport(report, finding.ruleId).title,
        ...finding,
      };
      lines += `${JSON.stringify(line)}\n`;
    }
    if (lines) yield lines;
  }
}

export const ndjsonWriter: ReportWriter = { format: 'ndjson', chunks: ndjsonChunks };
