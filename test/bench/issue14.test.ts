import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGovmomiBench } from '../../bench/govmomi-peer.js';
import { startLabChild } from '../../bench/lab-child.js';
import { selectedRows } from '../../bench/select.js';
import { runStandaloneBench } from '../../bench/standalone.js';
import { hostPaths } from '../../connectors/esxi/inventory/retrieve.js';

const work = mkdtempSync(join(tmpdir(), 'hvscan-issue14-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Issue 14's bench rows on a few hosts so they cannot rot: every figure is produced; no timing is asserted. */
describe('issue 14 bench rows (small)', { timeout: 600_000 }, () => {
  it('HVSCAN_BENCH selects rows; unset means all; an unknown name is an error naming the rows', () => {
    expect([...selectedRows('govmomi, standalone')]).toEqual(['govmomi', 'standalone']);
    expect([...selectedRows('memory')]).toEqual(['memory']);
    expect(selectedRows(undefined).size).toBe(6);
    expect(() => selectedRows('govmomi,cpu')).toThrow(
      /unknown row cpu \(rows: scale, rules, hyperv-collector, govmomi, standalone, memory\)/,
    );
  });

  it('the lab child pinned with taskset runs on that CPU only', async () => {
    const lab = await startLabChild({
      esxi: 1,
      vcenterHosts: 0,
      hyperv: 0,
      latencyMs: 0,
      outDir: join(work, 'pinned'),
      cpus: '0',
    });
    try {
      expect(readFileSync(`/proc/${lab.child.pid}/status`, 'utf8')).toMatch(/^Cpus_allowed_list:\s+0$/m);
    } finally {
      await lab.stop();
    }
  });

  it('govmomi: both clients read the same hosts and paths from one vcsim', async () => {
    const r = await runGovmomiBench(3, work, 1);
    expect(r.paths).toEqual(hostPaths(r.apiVersion));
    expect(r.govmomi.hostsRead).toBe(3);
    expect(r.hvscan).toMatchObject({ hostsScanned: 3, failedHosts: 0 });
    expect(r.hvscan.propertiesMs).not.toBeNull();
    // Both walls are rounded to the millisecond in the result, the ratio is computed before.
    expect(r.wallRatio).toBeCloseTo(r.hvscan.wallMs / r.govmomi.wallMs, 0);
    expect(r.govmomi.peakRssMb).toBeGreaterThan(0);
  });

  it('standalone: ESXi CPU per host and the ratio, the lab pinned apart and its CPU reported', async () => {
    const r = await runStandaloneBench({ esxi: 4, hyperv: 3, latencyMs: 5, probeLatencyMs: 100, concurrency: 8 });
    expect(r.placement).toEqual(cpus().length > 1 ? { lab: '0', scanner: '1' } : 'unpinned: one CPU');
    expect(r.esxi).toMatchObject({ hosts: 4, failedHosts: 0 });
    expect(r.standalone).toMatchObject({ hosts: 7, failedHosts: 0 });
    // 23 requests a host, of which the report counts the 22 sent before the host is handed on (Logout comes after).
    expect(r.esxi.requestsPerHost).toEqual({ 'esxi vim25': 22 });
    expect(r.esxi.cpuMsPerHost).toBeCloseTo(r.esxi.cpuMs / 4, 0);
    expect(r.standalone.labCpuMs).toBeGreaterThan(0);
  });
});
