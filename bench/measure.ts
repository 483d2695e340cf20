import { readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { CliContext } from '../src/commands/command.js';
import { scan, type ScanCommandOptions } from '../src/commands/scan.js';
import type { Config } from '../src/core/config/schema.js';
import type { ScanReport } from '../src/core/report/schema.js';
import { reportKbPerHost } from './report-size.js';

export interface Measurement {
  wallMs: number;
  /** User + system CPU of this process during the scan (the simulated hosts run in another process). */
  cpuMs: number;
  peakRssMb: number;
  /** RSS just before the scan: the loaded program and whatever the heap kept. */
  baselineRssMb: number;
  /** How the peak was read: the kernel's high-water mark (reset before the scan) or sampling. */
  peakRssMethod: 'VmHWM' | 'sampled';
  /** Size of the host entries in the written JSON report (issue 14's budget is per host). */
  reportKbPerHost: { maxKb: number; meanKb: number };
  report: ScanReport;
}

const STATUS = '/proc/self/status';

/** Linux resets VmHWM to the current RSS when 5 is written to clear_refs; elsewhere we fall back to sampling. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function vmHwmKb(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(STATUS, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });

/** A copy of a lab config with another concurrency and only the targets `keep` selects. */
export function writeVariant(
  config: Config,
  path: string,
  concurrency: number,
  keep: (t: Config['targets'][number]) => boolean,
): string {
  const variant: Config = { ...config, targets: config.targets.filter(keep), scan: { ...config.scan, concurrency } };
  writeFileSync(path, JSON.stringify(variant, null, 2) + '\n', { mode: 0o600 });
  return path;
}

/** Wall time, CPU and peak RSS of `work` in this process (after a GC, with the kernel's high-water mark reset). */
export async function measured<T>(
  work: () => Promise<T>,
): Promise<Omit<Measurement, 'report' | 'reportKbPerHost'> & { value: T }> {
  // Earlier phases' garbage is not this scan's (the benchmark runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMb = process.memoryUsage.rss() / 1024 / 1024;
  const kernelPeak = resetPeakRss() && vmHwmKb() !== undefined;
  let sampled = process.memoryUsage.rss();
  // Sampling costs CPU that would count as the scan's: only where the kernel keeps no high-water mark.
  const sampler = kernelPeak
    ? undefined
    : setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    sampled = Math.max(sampled, process.memoryUsage.rss());
    const peakRssMb = kernelPeak ? vmHwmKb()! / 1024 : sampled / 1024 / 1024;
    return {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb,
      baselineRssMb,
      peakRssMethod: kernelPeak ? 'VmHWM' : 'sampled',
      value,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** hvscan's scan as `hvscan scan` runs it: hosts parked beside the JSON report once judged, not held to the end. */
export function benchScan(
  configPath: string,
  reportPath: string,
  formats?: ScanCommandOptions['formats'],
): ReturnType<typeof scan> {
  const context: CliContext = {
    stdout: sink(),
    stderr: sink(),
    isTTY: false,
    signal: new AbortController().signal,
    env: process.env,
  };
  return scan(
    {
      config: configPath,
      output: reportPath,
      failOn: 'none',
      progress: false,
      logLevel: 'warn',
      retainHosts: false,
      ...(formats ? { formats } : {}),
    },
    context,
  );
}

/** Runs hvscan's scan (collect, judge, write the JSON report) in this process and measures it. */
export async function measuredScan(configPath: string, reportPath: string): Promise<Measurement> {
  const { value: _, ...m } = await measured(() => benchScan(configPath, reportPath));
  // Read back after the measurement: the counts per host come from the report as written.
  const text = readFileSync(reportPath, 'utf8');
  return { ...m, reportKbPerHost: reportKbPerHost(text), report: JSON.parse(text) as ScanReport };
}
