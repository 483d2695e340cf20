import { describe, expect, it } from 'vitest';
import { renderMemoryTable, runMemoryFlatBench } from '../../bench/memory-flat.js';

/** The memory-flat benchmark on 10 and 20 vCenter hosts so it cannot rot: every figure is produced; no size or time is asserted. */
describe('memory-flat benchmark (10 and 20 hosts)', { timeout: 120_000 }, () => {
  it('measures each size in its own worker and prints the figures beside the targets', async () => {
    const r = await runMemoryFlatBench([10, 20], 0, 8);
    expect(r.sizes.map((s) => [s.hosts, s.failedHosts])).toEqual([
      [10, 0],
      [20, 0],
    ]);
    for (const s of r.sizes) {
      expect(s.peakRssMb).toBeGreaterThan(s.baselineRssMb);
      expect(s.reportBytes.json).toBeGreaterThan(0);
      expect(s.reportBytes.html).toBeGreaterThan(0);
    }
    expect(r.growthPercent).toBeCloseTo(
      ((r.sizes[1]!.peakRssMb - r.sizes[0]!.peakRssMb) / r.sizes[0]!.peakRssMb) * 100,
      0,
    );
    const table = renderMemoryTable(r);
    expect(table).toMatch(/10 hosts \(0 failed, 0 partial\): peak RSS \d+ MB .* target <= 250 MB (met|MISSED)/);
    expect(table).toMatch(/growth from 10 to 20 hosts: -?[\d.]+% {2}target <= 10% (met|MISSED)/);
  });
});
