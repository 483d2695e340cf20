import { escapeXml as x } from '../core/text/escape.js';
import type { ReportWriter } from './index.js';
import { unknownReason } from '../core/model/index.js';
import { hostSource, type HostSource } from './host-source.js';
import { ruleInReport, type ScanReport } from '../core/report/schema.js';

/**
 * JUnit XML for CI gates: a testsuite per host, a testcase per rule result. fail → <failure>, unknown and
 * not_applicable → <skipped>, suppressed → <skipped> with the suppression reason; a host that failed collection
 * is one <error>.
 */
export function* junitChunks(report: ScanReport, hosts: HostSource = hostSource(report)): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hvscan" timestamp="${x(report.startedAt)}">\n`;
  for (const host of hosts.entries()) {
    const cases = host.findings.map((f) => {
      const name = `${f.ruleId}${f.subject ? ` [${f.subject}]` : ''}`;
      const rule = ruleInReport(report, f.ruleId);
      let body = '';
      if (f.suppressed)
        body = `<skipped message="${x(`suppressed: ${f.suppressed.reason} (until ${f.suppressed.expires})`)}"/>`;
      else if (f.status === 'fail')
        body = `<failure type="${x(f.severity)}" message="${x(rule.title)}">${x(`${f.message}\npath: ${f.evidence.path}\nobserved: ${JSON.stringify(f.evidence.observed)}\nexpected: ${JSON.stringify(f.evidence.expected)}\nremediation: ${rule.remediation.text}`)}</failure>`;
      else if (f.status !== 'pass') body = `<skipped message="${x(`${f.status}: ${unknownReason(f) ?? f.message}`)}"/>`;
      return `    <testcase classname="${x(`hvscan.${host.name}`)}" name="${x(name)}">${body}</testcase>`;
    });
    const collection =
      host.status === 'failed'
        ? [
            `    <testcase classname="${x(`hvscan.${host.name}`)}" name="collection"><error message="${x(host.errors.map((err) => `${err.step}: ${err.message}`).join('; '))}"/></testcase>`,
          ]
        : [];
    const all = [...collection, ...cases];
    const failures = host.findings.filter((f) => f.status === 'fail' && !f.suppressed).length;
    const skipped = host.findings.filter((f) => f.suppressed || (f.status !== 'fail' && f.status !== 'pass')).length;
    yield `  <testsuite name="${x(host.name)}" tests="${all.length}" failures="${failures}" errors="${collection.length}" skipped="${skipped}">\n${all.join('\n')}\n  </testsuite>\n`;
  }
  yield '</testsuites>\n';
}

export const renderJunit = (report: ScanReport): string => [...junitChunks(report)].join('');

export const junitWriter: ReportWriter = { format: 'junit', chunks: junitChunks };
