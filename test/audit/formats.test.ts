import { describe, expect, it } from 'vitest';
import { renderCsv, csvField } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderSarif } from '../../src/report/sarif.js';
import { finding, host, report } from './report-fixture.js';

const HOSTILE = [`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `'; DROP TABLE x; --`];

function hostileReport() {
  return report([
    host({
      name: 'esx01',
      findings: [
        finding({
          id: 'f1',
          title: HOSTILE[0],
          message: HOSTILE[1],
          subject: HOSTILE[2],
          evidence: { path: 'drivers', observed: HOSTILE[1] },
        }),
        finding({ id: 'f2', status: 'pass', message: 'ok, "quoted", and\nmultiline' }),
        finding({
          id: 'f3',
          status: 'unknown',
          message: 'Cannot judge',
          evidence: { path: 'x', reason: 'NoPermission' },
        }),
        finding({ id: 'f4', suppressed: { reason: 'vendor ticket', owner: 'ops', expires: '2027-01-01' } }),
        // The reason stated once, in the message (findings since the lean report); f3 is the older shape.
        finding({
          id: 'f5',
          status: 'unknown',
          message: 'Cannot judge: esxcli timed out',
          evidence: { path: 'esxi.cli.sshServer' },
        }),
      ],
    }),
    host({
      name: 'hv-down',
      platform: 'hyperv',
      status: 'failed',
      facts: null,
      errors: [{ step: 'connect', message: 'ECONNREFUSED <b>' }],
    }),
  ]);
}

describe('report formats', () => {
  it('HTML escapes every host-supplied string and loads nothing external', () => {
    const html = renderHtml(hostileReport());
    for (const s of HOSTILE) expect(html).not.toContain(s);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|src="http|href="http|@import|url\(/i);
    expect(html).toContain('ECONNREFUSED &lt;b&gt;');
    expect(html).toMatch(/<b data-count="high">1<\/b>/);
    expect(html).toContain('vendor ticket');
  });

  it('CSV has one RFC 4180 row per result and defuses formulas', () => {
    const csv = renderCsv(hostileReport());
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0].startsWith('host,platform,finding_id')).toBe(true);
    expect(csv).toContain('"ok, ""quoted"", and\nmultiline"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('plain')).toBe('plain');
    // 5 results on esx01, none on the failed host; a quoted newline does not start a row.
    expect(csv.match(/\r\nesx01,/g)).toHaveLength(5);
    // The reason column holds an unknown's reason whether the report wrote it in the evidence or in the message.
    const reasonColumn = lines[0].split(',').indexOf('reason');
    expect(lines.find((l) => l.includes(',f3,'))!.split(',')[reasonColumn]).toBe('NoPermission');
    expect(lines.find((l) => l.includes(',f5,'))!.split(',')[reasonColumn]).toBe('esxcli timed out');
  });

  it('SARIF carries failed and unknown results with suppressions', () => {
    const sarif = JSON.parse(renderSarif(hostileReport()));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results;
    expect(
      results
        .map((r: { partialFingerprints: { hvscanFindingId: string } }) => r.partialFingerprints.hvscanFindingId)
        .sort(),
    ).toEqual(['f1', 'f3', 'f4', 'f5']);
    expect(
      results.find(
        (r: { partialFingerprints: { hvscanFindingId: string } }) => r.partialFingerprints.hvscanFindingId === 'f4',
      ).suppressions[0].justification,
    ).toBe('vendor ticket');
  });

  it('JUnit counts failures, skips and collection errors, and stays well-formed with hostile text', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).toContain('<testsuite name="esx01" tests="5" failures="1" errors="0" skipped="3">');
    expect(xml).toContain('<skipped message="unknown: NoPermission"/>');
    expect(xml).toContain('<skipped message="unknown: esxcli timed out"/>');
    expect(xml).toContain('<testsuite name="hv-down" tests="1" failures="0" errors="1" skipped="0">');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
  });
});
