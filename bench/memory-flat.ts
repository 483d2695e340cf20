// Memory flat in N (issue 14 §4): hvscan's peak RSS scanning a simulated vCenter of 1,000 and of 10,000 hosts, each
// scan in a fresh process writing the JSON and HTML reports. `npx tsx bench/memory-flat.ts [--sizes 1000,10000]
// [--latency 0] [--concurrency 32] [--heap-cap MB] [--out FILE]`. Lab vCenters (5,000 hosts at most each, so 10,000 hosts are two)
// serve every host over one TLS listener each (one certificate): a standalone lab host makes its own key and certificate, which at 10,000 hosts costs the lab minutes
// and is not the scanner's memory anyway; what is measured (the scanner's RSS while hosts stream through the judge and
// the spool) is the same, since a vCenter's hosts are what a 10,000-host estate looks like.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Config } from '../src/core/config/schema.js';
import { projectFile } from '../src/core/paths.js';
import { startLabChild } from './lab-child.js';
import { benchScan, measured } from './measure.js';
import { entryArgs } from './program.js';

export const MEMORY_TARGETS = { growthPercent: 10, peakRssMb: 250 } as const;

export interface MemoryAtSize {
  hosts: number;
  failedHosts: number;
  partialHosts: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  peakRssMethod: string;
  /** Bytes of the JSON and HTML reports written. */
  reportBytes: { json: number; html: number };
}

export interface MemoryFlatResult {
  machine: { nproc: number; cpuModel: string; node: string; platform: string };
  options: { sizes: number[]; latencyMs: number; concurrency: number; heapCapMb?: number };
  sizes: MemoryAtSize[];
  /** Peak RSS of the largest size over the smallest's, in percent above it. */
  growthPercent: number;
  targets: typeof MEMORY_TARGETS;
  verdict: { flat: boolean; underCap: boolean };
}

/** One scan in this process (the worker side): the lab config with its budget raised, JSON + HTML written. */
async function scanOnce(configPath: string, reportPath: string, resultPath: string): Promise<void> {
  const m = await measured(() => benchScan(configPath, reportPath, ['json', 'html']));
  const { summary } = m.value.report;
  const size = (path: string) => readFileSync(path).length;
  const result: MemoryAtSize = {
    hosts: summary.hosts,
    failedHosts: summary.failedHosts,
    partialHosts: summary.partialHosts,
    wallMs: Math.round(m.wallMs),
    cpuMs: Math.round(m.cpuMs),
    peakRssMb: Math.round(m.peakRssMb),
    baselineRssMb: Math.round(m.baselineRssMb),
    peakRssMethod: m.peakRssMethod,
    reportBytes: { json: size(reportPath), html: size(reportPath.replace(/\.json$/, '.html')) },
  };
  writeFileSync(resultPath, JSON.stringify(result));
}

function inWorker(configPath: string, work: string, heapCapMb?: number): Promise<MemoryAtSize> {
  const result = join(work, 'memory-result.json');
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : []),
      ...entryArgs('bench/memory-flat.ts'),
      '--scan',
      configPath,
      join(work, 'report.json'),
      result,
    ],
    { cwd: projectFile('.'), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`memory scan worker exited with ${code}:\n${stderr}`));
      resolve(JSON.parse(readFileSync(result, 'utf8')) as MemoryAtSize);
    });
  });
}

/** The lab's largest vCenter (`hvscan lab --vcenter-hosts`, twice vCenter 8's 2,500-host maximum). */
const LAB_VCENTER_MAX_HOSTS = 5000;

/** Lab vCenters enough for `hosts` (each in its own child process), their targets in one config. */
async function labVcenters(
  hosts: number,
  latencyMs: number,
  work: string,
): Promise<{ targets: Config['targets']; config: Config; stop: () => Promise<void> }> {
  const count = Math.ceil(hosts / LAB_VCENTER_MAX_HOSTS);
  const labs = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startLabChild(
        { esxi: 0, hyperv: 0, vcenterHosts: Math.ceil(hosts / count), latencyMs, outDir: join(work, `lab${i + 1}`) },
        600_000,
      ),
    ),
  );
  const configs = labs.map((lab) => JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config);
  const targets = configs.flatMap((config, i) => config.targets.map((t) => ({ ...t, name: `${t.name}-${i + 1}` })));
  return {
    targets,
    config: configs[0]!,
    stop: async () => void (await Promise.all(labs.map((lab) => lab.stop(120_000)))),
  };
}

/** `heapCapMb`: the scan's V8 old space capped (--max-old-space-size), to tell its live memory from garbage not yet collected. */
export async function runMemoryFlatBench(
  sizes: number[],
  latencyMs: number,
  concurrency: number,
  heapCapMb?: number,
): Promise<MemoryFlatResult> {
  const measuredSizes: MemoryAtSize[] = [];
  for (const hosts of sizes) {
    const work = mkdtempSync(join(tmpdir(), 'hvscan-memory-'));
    const labs = await labVcenters(hosts, latencyMs, work);
    try {
      // A vCenter's budget covers all its hosts: a large one, so the size and not the clock decides what is collected.
      const variant: Config = {
        ...labs.config,
        targets: labs.targets,
        scan: { ...labs.config.scan, concurrency, timeoutSeconds: 3 * 3600 },
      };
      const configPath = join(work, 'memory.json');
      writeFileSync(configPath, JSON.stringify(variant, null, 2) + '\n', { mode: 0o600 });
      measuredSizes.push(await inWorker(configPath, work, heapCapMb));
      process.stderr.write(`memory-flat: ${JSON.stringify(measuredSizes.at(-1))}\n`);
    } finally {
      await labs.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }
  const [first, last] = [measuredSizes[0]!, measuredSizes.at(-1)!];
  const growthPercent = Math.round(((last.peakRssMb - first.peakRssMb) / first.peakRssMb) * 1000) / 10;
  return {
    machine: {
      nproc: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    options: { sizes, latencyMs, concurrency, ...(heapCapMb ? { heapCapMb } : {}) },
    sizes: measuredSizes,
    growthPercent,
    targets: MEMORY_TARGETS,
    verdict: {
      flat: growthPercent <= MEMORY_TARGETS.growthPercent,
      underCap: measuredSizes.every((s) => s.peakRssMb <= MEMORY_TARGETS.peakRssMb),
    },
  };
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

export function renderMemoryTable(r: MemoryFlatResult): string {
  const lines = [
    `hvscan memory-flat benchmark on ${r.machine.nproc} x ${r.machine.cpuModel}, Node ${r.machine.node}: one lab vCenter, latency ${r.options.latencyMs} ms, concurrency ${r.options.concurrency}${r.options.heapCapMb ? `, V8 old space capped at ${r.options.heapCapMb} MB` : ''}, JSON + HTML written`,
  ];
  for (const s of r.sizes) {
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    lines.push(
      `  ${String(s.hosts).padStart(6)} hosts (${s.failedHosts} failed, ${s.partialHosts} partial): peak RSS ${s.peakRssMb} MB (${s.peakRssMethod}; ${s.baselineRssMb} MB before)` +
        `  target <= ${r.targets.peakRssMb} MB ${mark(s.peakRssMb <= r.targets.peakRssMb)}; wall ${(s.wallMs / 1000).toFixed(1)} s, CPU ${(s.cpuMs / 1000).toFixed(1)} s; JSON ${mb(s.reportBytes.json)} MiB, HTML ${mb(s.reportBytes.html)} MiB`,
    );
  }
  lines.push(
    `  growth from ${r.sizes[0]!.hosts} to ${r.sizes.at(-1)!.hosts} hosts: ${r.growthPercent}%  target <= ${r.targets.growthPercent}% ${mark(r.verdict.flat)}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scan: { type: 'boolean' },
      'heap-cap': { type: 'string' },
      sizes: { type: 'string' },
      latency: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.scan) {
    const [configPath, reportPath, resultPath] = positionals;
    if (!configPath || !reportPath || !resultPath) throw new Error('usage: memory-flat.ts --scan CONFIG REPORT RESULT');
    return scanOnce(configPath, reportPath, resultPath);
  }
  const sizes = (values.sizes ?? '1000,10000').split(',').map(Number);
  const heapCap = values['heap-cap'] === undefined ? undefined : Number(values['heap-cap']);
  const result = await runMemoryFlatBench(
    sizes,
    Number(values.latency ?? 0),
    Number(values.concurrency ?? 32),
    heapCap,
  );
  const out = values.out ?? projectFile('bench/memory-results.json');
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(renderMemoryTable(result) + `\nresults: ${out}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
