// Scale benchmark (issue 6 §3): hvscan against simulated hosts with injected latency, the hosts in a child process.
// `npx tsx bench/scale.ts [--esxi 500] [--hyperv 500] [--vcenter-hosts 500] [--latency 20] [--concurrency 32]
// [--paging-hosts 5000 --paging-options 2000]` (the last pair: issue 12's vCenter paging check at full size).
// Not a timed test; test/bench/scale.test.ts runs it on 20 hosts so it cannot rot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Config } from '../src/core/config/schema.js';
import { projectFile } from '../src/core/paths.js';
import { startLabChild } from './lab-child.js';
import { measuredScan, writeVariant, type Measurement } from './measure.js';
import { scanInWorker, transportOf, type ScanSummary } from './scan-worker.js';
import { TARGETS, renderTable } from './scale-report.js';
import {
  pagingAtSize,
  propertyCollectorCalls,
  propertyCollectorCallsPerPage,
  type PagingAtSize,
  type VcenterCalls,
} from './vcenter-calls.js';

export interface ScaleOptions {
  esxi: number;
  hyperv: number;
  vcenterHosts: number;
  /** The smaller vCenter the property-collector count is compared with. */
  vcenterSmallHosts: number;
  latencyMs: number;
  concurrency: number;
  /** Latency of the single-host probes that count sequential round trips (large, so CPU time cannot add one). */
  probeLatencyMs: number;
  /** Issue 12's paging check: a vCenter of this many hosts with `pagingOptions` advanced options each (0: skipped). */
  pagingHosts?: number;
  pagingOptions?: number;
}

export { transportOf } from './scan-worker.js';

export interface PhaseResult {
  hosts: number;
  targets: number;
  failedHosts: number;
  wallMs: number;
  lowerBoundMs: number;
  ratio: number;
  /** How lowerBoundMs was computed, in words and numbers. */
  lowerBoundFormula: string;
  peakRssMb: number;
  baselineRssMb: number;
  peakRssMethod: Measurement['peakRssMethod'];
  cpuMs: number;
  cpuMsPerHost: number;
  /** Mean facts.collection.requests per host, by transport; null where the connector does not report it. */
  requestsPerHost: Record<string, number | null>;
  /** CPU the simulated hosts (the lab process) used during the scan: on few cores they compete with the scanner. */
  labCpuMs: number | null;
  /** Largest and mean host entry of the JSON report the scan wrote. */
  reportKbPerHost: { maxKb: number; meanKb: number };
}

export interface ScaleResult {
  machine: { nproc: number; cpuModel: string; node: string; platform: string };
  options: ScaleOptions;
  /** Sequential round trips of one host alone, by transport: floor(elapsed / probe latency). */
  sequentialRoundTrips: Record<string, number>;
  standalone: PhaseResult;
  vcenter: PhaseResult & { managerCallsPerHost: number };
  propertyCollector: VcenterCalls[];
  paging?: PagingAtSize;
  targets: typeof TARGETS;
  verdict: {
    ratio: boolean;
    peakRss: boolean;
    cpuPerHost: boolean;
    propertyCollectorPerPage: boolean;
    reportKbPerHost: boolean;
  };
}

export function phase(
  m: ScanSummary,
  lowerBoundMs: number,
  lowerBoundFormula: string,
  labCpuMs: number | null,
): PhaseResult {
  return {
    hosts: m.hosts,
    targets: m.targets,
    failedHosts: m.failedHosts,
    wallMs: Math.round(m.wallMs),
    lowerBoundMs,
    ratio: Math.round((m.wallMs / lowerBoundMs) * 100) / 100,
    lowerBoundFormula,
    peakRssMb: Math.round(m.peakRssMb),
    baselineRssMb: Math.round(m.baselineRssMb),
    peakRssMethod: m.peakRssMethod,
    cpuMs: Math.round(m.cpuMs),
    cpuMsPerHost: Math.round((m.cpuMs / Math.max(1, m.hosts)) * 100) / 100,
    requestsPerHost: m.requestsPerHost,
    labCpuMs,
    reportKbPerHost: m.reportKbPerHost,
  };
}

/** Standalone hosts: the work bound over c slots, never less than the slowest single host. */
export function standaloneLowerBound(
  targets: Config['targets'],
  trips: Record<string, number>,
  L: number,
  c: number,
): { bound: number; formula: string } {
  const perTransport = new Map<string, number>();
  for (const t of targets) perTransport.set(transportOf(t), (perTransport.get(transportOf(t)) ?? 0) + 1);
  const work1 = [...perTransport].reduce((sum, [k, n]) => sum + trips[k]! * n, 0);
  const waves = Math.max(Math.ceil(work1 / c), ...[...perTransport.keys()].map((k) => trips[k]!));
  const terms = [...perTransport].map(([k, n]) => `${trips[k]} x ${n} (${k})`).join(' + ');
  const bound = waves * L;
  return {
    bound,
    formula: `L x max(ceil(sum(round trips x hosts) / c), max round trips) = ${L} ms x ceil((${terms}) / ${c}) = ${bound} ms; equals round trips x L x ceil(N / c) when all hosts share one transport`,
  };
}

/** Sequential round trips per transport: each probe target scanned alone (after a warm-up pass), floor(elapsed / L). */
export async function probeRoundTrips(options: ScaleOptions, work: string): Promise<Record<string, number>> {
  const lab = await startLabChild({
    esxi: 1,
    vcenterHosts: 1,
    hyperv: 3,
    latencyMs: options.probeLatencyMs,
    outDir: join(work, 'probe-lab'),
  });
  try {
    const config = JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config;
    await measuredScan(
      writeVariant(config, join(work, 'probe-all.json'), config.targets.length, () => true),
      join(work, 'probe-warmup.json'),
    );
    const trips: Record<string, number> = {};
    for (const target of config.targets) {
      // The scan's concurrency, not 1: it also bounds a host's own concurrent calls (the ESXi manager wave). The
      // lower of two runs: on a busy machine one run's CPU stall can pass for a round trip.
      const config1 = writeVariant(
        config,
        join(work, `probe-${target.name}.json`),
        options.concurrency,
        (t) => t.name === target.name,
      );
      for (let run = 0; run < 2; run++) {
        const host = (await measuredScan(config1, join(work, 'probe.json'))).report.hosts[0];
        if (!host || host.status === 'failed')
          throw new Error(`probe of ${target.name} failed: ${JSON.stringify(host?.errors)}`);
        const measured = Math.floor(host.durationMs / options.probeLatencyMs);
        trips[transportOf(target)] = Math.min(trips[transportOf(target)] ?? measured, measured);
      }
    }
    return trips;
  } finally {
    await lab.stop();
  }
}

export async function runScaleBench(options: ScaleOptions): Promise<ScaleResult> {
  const work = mkdtempSync(join(tmpdir(), 'hvscan-bench-'));
  try {
    const trips = await probeRoundTrips(options, work);
    const L = options.latencyMs;
    const c = options.concurrency;

    const lab = await startLabChild({
      esxi: options.esxi,
      vcenterHosts: options.vcenterHosts,
      hyperv: options.hyperv,
      latencyMs: L,
      outDir: join(work, 'lab'),
    });
    try {
      const config = JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config;

      const { bound: standaloneBound, formula: standaloneFormula } = standaloneLowerBound(
        config.targets.filter((t) => t.platform !== 'vcenter'),
        trips,
        L,
        c,
      );
      const lab0 = lab.cpuMs();
      const m1 = await scanInWorker(
        writeVariant(config, join(work, 'standalone.json'), c, (t) => t.platform !== 'vcenter'),
        work,
      );
      const lab1 = lab.cpuMs();
      const standalone = phase(
        m1,
        standaloneBound,
        standaloneFormula,
        lab0 !== undefined && lab1 !== undefined ? lab1 - lab0 : null,
      );

      const m2 = await scanInWorker(
        writeVariant(config, join(work, 'vcenter.json'), c, (t) => t.platform === 'vcenter'),
        work,
      );
      const lab2 = lab.cpuMs();

      // In-process simulators for the server-side counts, after the measured scans so they do not add to their RSS.
      const pc = await propertyCollectorCalls([options.vcenterSmallHosts, options.vcenterHosts], c);
      const [small, large] = pc;
      const managerCallsPerHost = (large!.requests - small!.requests) / (large!.hosts - small!.hosts);
      // vCenter: its fixed round trips (probe with one host, whose manager wave is one round trip) plus the per-host
      // manager calls in waves of c.
      const vcTrips = trips['vcenter rest+vim']!;
      const vcWaves = vcTrips - 1 + Math.ceil((options.vcenterHosts * managerCallsPerHost) / c);
      const vcFormula = `L x ((probe round trips - 1) + ceil(hosts x manager calls per host / c)) = ${L} ms x ((${vcTrips} - 1) + ceil(${options.vcenterHosts} x ${managerCallsPerHost} / ${c})) = ${vcWaves * L} ms`;
      const vcenter = {
        ...phase(m2, vcWaves * L, vcFormula, lab1 !== undefined && lab2 !== undefined ? lab2 - lab1 : null),
        managerCallsPerHost,
      };

      const verdict = {
        ratio: standalone.ratio <= TARGETS.ratio && vcenter.ratio <= TARGETS.ratio,
        peakRss: standalone.peakRssMb <= TARGETS.peakRssMbPer1000Hosts * Math.max(1, standalone.hosts / 1000),
        cpuPerHost: standalone.cpuMsPerHost <= TARGETS.cpuMsPerHost && vcenter.cpuMsPerHost <= TARGETS.cpuMsPerHost,
        propertyCollectorPerPage: pc.every(propertyCollectorCallsPerPage),
        reportKbPerHost:
          standalone.reportKbPerHost.maxKb <= TARGETS.reportKbPerHost &&
          vcenter.reportKbPerHost.maxKb <= TARGETS.reportKbPerHost,
      };
      const machine = {
        nproc: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      };
      const paging = options.pagingHosts
        ? await pagingAtSize(options.pagingHosts, options.pagingOptions ?? 2000)
        : undefined;
      return {
        machine,
        options,
        sequentialRoundTrips: trips,
        standalone,
        vcenter,
        propertyCollector: pc,
        ...(paging ? { paging } : {}),
        targets: TARGETS,
        verdict,
      };
    } finally {
      await lab.stop(60_000);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const DEFAULT_SCALE: ScaleOptions = {
  esxi: 500,
  hyperv: 500,
  vcenterHosts: 500,
  vcenterSmallHosts: 50,
  latencyMs: 20,
  concurrency: 32,
  probeLatencyMs: 200,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      esxi: { type: 'string' },
      hyperv: { type: 'string' },
      'vcenter-hosts': { type: 'string' },
      'vcenter-small-hosts': { type: 'string' },
      latency: { type: 'string' },
      concurrency: { type: 'string' },
      'probe-latency': { type: 'string' },
      out: { type: 'string' },
      'paging-hosts': { type: 'string' },
      'paging-options': { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const options: ScaleOptions = {
    esxi: num(values.esxi, DEFAULT_SCALE.esxi),
    hyperv: num(values.hyperv, DEFAULT_SCALE.hyperv),
    vcenterHosts: num(values['vcenter-hosts'], DEFAULT_SCALE.vcenterHosts),
    vcenterSmallHosts: num(values['vcenter-small-hosts'], DEFAULT_SCALE.vcenterSmallHosts),
    latencyMs: num(values.latency, DEFAULT_SCALE.latencyMs),
    concurrency: num(values.concurrency, DEFAULT_SCALE.concurrency),
    probeLatencyMs: num(values['probe-latency'], DEFAULT_SCALE.probeLatencyMs),
    pagingHosts: num(values['paging-hosts'], 0),
    pagingOptions: num(values['paging-options'], 2000),
  };
  const result = await runScaleBench(options);
  const out = values.out ?? projectFile('bench/results.json');
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(renderTable(result) + `\nresults: ${out}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
