import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finding, host, report } from '../../test/audit/report-fixture.js';
import { outputTargets, writeReports } from './index.js';
import { jsonChunks } from './json.js';
import type { ScanReport } from '../core/report/schema.js';

/** What the writer must produce, built independently: the report indented, then each catalogue and host entry folded onto one line. */
function expectedText(r: ScanReport): string {
  let text = JSON.stringify({ ...r, rules: {}, hosts: [] }, null, 2);
  const rules = Object.entries(r.rules).map(([id, entry]) => `    ${JSON.stringify(id)}: ${JSON.stringify(entry)}`);
  const hosts = r.hosts.map((h) => `    ${JSON.stringify(h)}`);
  if (rules.length > 0) text = text.replace('"rules": {}', `"rules": {\n${rules.join(',\n')}\n  }`);
  if (hosts.length > 0) text = text.replace('"hosts": []', `"hosts": [\n${hosts.join(',\n')}\n  ]`);
  return `${text}\n`;
}

describe('JSON report written host by host, one line per host and per rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-json-chunks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const hostile = host({
    name: 'esx "01"\n<script>→ ü',
    findings: [finding({ id: 'f1', message: 'line one\nline two\t"quoted" \u2028 \\ end' })],
    errors: [{ step: 'collect', message: 'a\r\nb' }],
  });
  const cases = {
    'no hosts': report([]),
    'one host': report([host({ name: 'esx01' })]),
    'several hosts with hostile strings': report([
      host({ name: 'esx01' }),
      hostile,
      host({ name: 'hv01', facts: null, status: 'failed' }),
    ]),
  };

  for (const [name, r] of Object.entries(cases)) {
    it(`parses back to the report, each host and rule on its own line: ${name}`, () => {
      const text = [...jsonChunks(r)].join('');
      expect(JSON.parse(text)).toEqual(r);
      expect(text).toBe(expectedText(r));
      const lines = text.split('\n');
      for (const h of r.hosts) expect(lines).toContain(`    ${JSON.stringify(h)}${h === r.hosts.at(-1) ? '' : ','}`);
    });
  }

  it('writeReports writes the same bytes through the chunked path, across several 1 MB writes', async () => {
    const r = report([hostile, ...Array.from({ length: 1500 }, (_, i) => host({ name: `esx${i}` }))]);
    const expected = expectedText(r);
    expect(expected.length).toBeGreaterThan(2 << 20);
    const path = join(dir, 'report.json');
    await writeReports(r, await outputTargets({ json: path }));
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });
});
