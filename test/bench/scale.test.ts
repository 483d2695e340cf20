import { describe, expect, it } from 'vitest';
import { renderTable } from '../../bench/scale-report.js';
import { runScaleBench } from '../../bench/scale.js';

const TRANSPORTS = [
  'esxi vim25',
  'vcenter rest+vim',
  'hyperv ssh',
  'hyperv winrm-https-basic',
  'hyperv winrm-http-ntlm',
];

/** The scale benchmark on 20 hosts so it cannot rot: every figure is produced and sane; no timing is asserted. */
describe('scale benchmark (20 hosts)', { timeout: 90_000 }, () => {
  it('produces every figure', async () => {
    const r = await runScaleBench({
      esxi: 10,
      hyperv: 10,
      vcenterHosts: 10,
      vcenterSmallHosts: 4,
      latencyMs: 5,
      concurrency: 8,
      probeLatencyMs: 100,
    });

    expect(Object.keys(r.sequentialRoundTrips).sort()).toEqual([...TRANSPORTS].sort());
    // Every transport costs at least one charged round trip (the SSH simulator charges its latency once per command,
    // and handshakes are not delayed, so SSH can measure exactly 1); none needs dozens.
    for (const [transport, trips] of Object.entries(r.sequentialRoundTrips)) {
      expect(trips, transport).toBeGreaterThanOrEqual(1);
      expect(trips, transport).toBeLessThan(30);
    }
    expect(r.standalone).toMatchObject({ hosts: 20, targets: 20, failedHosts: 0 });
    expect(r.vcenter).toMatchObject({ hosts: 10, targets: 1, failedHosts: 0 });
    for (const phase of [r.standalone, r.vcenter]) {
      expect(phase.wallMs).toBeGreaterThan(0);
      expect(phase.lowerBoundMs).toBeGreaterThan(0);
      expect(phase.ratio).toBeCloseTo(phase.wallMs / phase.lowerBoundMs, 1);
      expect(phase.peakRssMb).toBeGreaterThan(20);
      expect(phase.cpuMs).toBeGreaterThan(0);
      expect(phase.cpuMsPerHost).toBeCloseTo(phase.cpuMs / phase.hosts, 0);
      expect(phase.lowerBoundFormula).toMatch(/ceil/);
      expect(phase.labCpuMs === null || phase.labCpuMs >= 0).toBe(true);
      // The written report's host entries: a demo-lab host takes tens of KB, the mean never above the largest.
      expect(phase.reportKbPerHost.maxKb).toBeGreaterThan(5);
      expect(phase.reportKbPerHost.meanKb).toBeLessThanOrEqual(phase.reportKbPerHost.maxKb);
    }
    expect(r.sequentialRoundTrips['esxi vim25']).toBeGreaterThanOrEqual(2);
    expect(r.standalone.requestsPerHost['esxi vim25']).toBeGreaterThan(2);
    expect(r.vcenter.requestsPerHost['vcenter rest+vim']).toBeGreaterThan(0);
    expect(r.vcenter.managerCallsPerHost).toBeGreaterThan(0);
    expect(r.propertyCollector.map((p) => p.hosts)).toEqual([4, 10]);
    for (const p of r.propertyCollector) expect(p.propertyCollectorCalls).toBeGreaterThan(0);
    // The connector's property-collector calls grow with pages only, not with the hosts behind a vCenter (4 vs 10 here).
    expect(r.verdict.propertyCollectorPerPage).toBe(true);
    expect(r.machine.nproc).toBeGreaterThan(0);

    const table = renderTable(r);
    for (const label of [
      'wall time',
      'lower bound',
      'ratio wall / lower bound',
      'peak RSS',
      'CPU per host',
      'property-collector calls',
    ])
      expect(table).toContain(label);
    expect(table).toMatch(/<= 1\.3/);
    expect(table).toMatch(/standalone: peak RSS.*<= 300 MB/);
    expect(table).toMatch(/vcenter: peak RSS.*\(target: the standalone scan\)/);
    expect(table).toMatch(/<= 5 ms/);
    expect(table).toMatch(/vcenter: JSON report per host +[\d.]+ KB largest, [\d.]+ KB mean +<= 40 KB (met|MISSED)/);
  });
});
