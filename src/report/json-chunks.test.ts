import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finding, host, report } from '../../test/audit/report-fixture.js';
import { outputTargets, writeReports } from './index.js';
import { jsonChunks } from './json.js';

describe('JSON report written host by host', () => {
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
    'several hosts with hostile strings': report([host({ name: 'esx01' }), hostile, host({ name: 'hv01', facts: null, status: 'failed' })]),
  };

  for (const [name, r] of Object.entries(cases)) {
    it(`is byte for byte JSON.stringify(report, null, 2): ${name}`, () => {
      expect([...jsonChunks(r)].join('')).toBe(`${JSON.stringify(r, null, 2)}\n`);
    });
  }

  it('writeReports writes the same bytes through the chunked path, across several 1 MB writes', async () => {
    const r = report([hostile, ...Array.from({ length: 600 }, (_, i) => host({ name: `esx${i}` }))]);
    const expected = `${JSON.stringify(r, null, 2)}\n`;
    expect(expected.length).toBeGreaterThan(2 << 20);
    const path = join(dir, 'report.json');
    await writeReports(r, await outputTargets({ json: path }));
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });
});
