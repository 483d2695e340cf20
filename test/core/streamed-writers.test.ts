// Every output format is written from the spool, one host at a time: the text must be byte for byte what the writer
// gives with every host in memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostSource } from '../../src/report/host-source.js';
import { REPORT_FORMATS, writerFor } from '../../src/report/index.js';
import type { ScanReport } from '../../src/core/report/schema.js';
import { HostSpool } from '../../src/report/spool.js';
import { finding, host, report } from '../audit/report-fixture.js';

function spooled(full: ScanReport): { stubs: ScanReport; spool: HostSpool } {
  const spool = new HostSpool(mkdtempSync(`${tmpdir()}/hvscan-stream-`));
  return { stubs: { ...full, hosts: full.hosts.map((h) => spool.park(h)) }, spool };
}

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('writers read spooled hosts back', () => {
  const full = report([
    host({
      name: 'esx01',
      findings: [finding({ id: 'a' }), finding({ id: 'b', status: 'unknown', evidence: { path: 'x', reason: 'r' } })],
    }),
    host({
      name: 'esx02',
      insecure: true,
      findings: [finding({ id: 'c', suppressed: { reason: 'accepted', expires: '2099-01-01' } })],
    }),
    host({ name: 'esx03', status: 'failed', facts: null, errors: [{ step: 'connect', message: 'refused' }] }),
  ]);

  for (const format of REPORT_FORMATS) {
    it(`${format}: the same text from the spool as from memory, and the stubs hold no findings`, async () => {
      const writer = await writerFor(format);
      const { stubs, spool } = spooled(full);
      try {
        expect(stubs.hosts.every((h) => h.findings.length === 0 && h.facts === null)).toBe(true);
        const fromSpool = text(writer.chunks(stubs, hostSource(stubs, spool.text)));
        expect(fromSpool).toBe(text(writer.chunks(full, hostSource(full))));
        expect(fromSpool).toContain('esx02');
      } finally {
        spool.close();
      }
    });
  }

  it('sarif stays valid JSON with no result to list', async () => {
    const sarif = JSON.parse(
      text(
        (await writerFor('sarif')).chunks(
          report([host({ name: 'clean' })]),
          hostSource(report([host({ name: 'clean' })])),
        ),
      ),
    );
    expect(sarif.runs[0].results).toEqual([]);
  });
});
