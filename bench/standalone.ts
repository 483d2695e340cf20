// Issue 14 §4, the standalone rows: (a) standalone ESXi, hvscan CPU per host (target 8 ms); (b) the standalone scan's
// wall time over its lower bound (target 1.5), with the simulated hosts pinned to one core and the scanner to the
// other (util-linux taskset), the lab's CPU reported apart. When HVSCAN_BENCH_PROFILE names a directory, the ESXi scan
// runs once more under `node --cpu-prof` and its profile is written there (read it with bench/profile-summary.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../src/core/config/schema.js';
import { startLabChild } from './lab-child.js';
import { writeVariant } from './measure.js';
import {
  DEFAULT_SCALE,
  phase,
  probeRoundTrips,
  standaloneLowerBound,
  type PhaseResult,
  type ScaleOptions,
} from './scale.js';
import { scanInWorker } from './scan-worker.js';

export const STANDALONE_TARGETS = { esxiCpuMsPerHost: 8, ratio: 1.5 } as const;

export interface StandaloneResult {
  /** Where the lab and the scanner ran (taskset CPU lists), or why they were not pinned. */
  placement: { lab: string; scanner: string } | string;
  esxi: PhaseResult;
  standalone: PhaseResult;
  met: { esxiCpuPerHost: boolean; ratio: boolean };
}

/** The lab on CPU 0, the scanner on CPU 1; unpinned on one CPU or without taskset. */
function placement(): { lab?: string; scanner?: string; note?: string } {
  if (cpus().length < 2) return { note: 'unpinned: one CPU' };
  return { lab: '0', scanner: '1' };
}

export interface StandaloneOptions extends Partial<Pick<ScaleOptions, 'latencyMs' | 'probeLatencyMs' | 'concurrency'>> {
  esxi: number;
  hyperv: number;
  profileDir?: string;
}

export async function runStandaloneBench(options: StandaloneOptions): Promise<StandaloneResult> {
  const { profileDir, ...sizes } = options;
  const scale: ScaleOptions = { ...DEFAULT_SCALE, ...sizes, vcenterHosts: 0 };
  const work = mkdtempSync(join(tmpdir(), 'hvscan-bench-standalone-'));
  const where = placement();
  try {
    const trips = await probeRoundTrips(scale, work);
    const L = scale.latencyMs;
    const c = scale.concurrency;
    const lab = await startLabChild({
      esxi: scale.esxi,
      vcenterHosts: 0,
      hyperv: scale.hyperv,
      latencyMs: L,
      outDir: join(work, 'lab'),
      cpus: where.lab,
    });
    try {
      const config = JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config;
      const measure = async (
        name: string,
        keep: (t: Config['targets'][number]) => boolean,
        nodeArgs: string[] = [],
      ) => {
        const bound = standaloneLowerBound(config.targets.filter(keep), trips, L, c);
        const lab0 = lab.cpuMs();
        const m = await scanInWorker(
          writeVariant(config, join(work, `${name}.json`), c, keep),
          work,
          600_000,
          where.scanner,
          nodeArgs,
        );
        const lab1 = lab.cpuMs();
        return phase(m, bound.bound, bound.formula, lab0 !== undefined && lab1 !== undefined ? lab1 - lab0 : null);
      };
      const esxi = await measure('esxi', (t) => t.platform === 'esxi');
      const standalone = await measure('standalone', (t) => t.platform !== 'vcenter');
      // The profiler costs CPU of its own: the profiled scan is a third one, its figures not reported.
      if (profileDir)
        await measure('esxi-profiled', (t) => t.platform === 'esxi', ['--cpu-prof', '--cpu-prof-dir', profileDir]);
      return {
        placement: where.lab !== undefined ? { lab: where.lab, scanner: where.scanner! } : where.note!,
        esxi,
        standalone,
        met: {
          esxiCpuPerHost: esxi.cpuMsPerHost <= STANDALONE_TARGETS.esxiCpuMsPerHost,
          ratio: standalone.ratio <= STANDALONE_TARGETS.ratio,
        },
      };
    } finally {
      await lab.stop(60_000);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
