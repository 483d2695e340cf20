// One measured scan in a fresh Node process, so each phase's peak RSS and CPU are its own (not what an earlier phase
// left on the heap). `node --expose-gc dist/bench/scan-worker.js CONFIG REPORT RESULT` (or through tsx from source);
// spawned by scale.ts.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../src/core/config/schema.js';
import { projectFile } from '../src/core/paths.js';
import { measuredScan, type Measurement } from './measure.js';
import { entryArgs, pinnedCommand } from './program.js';

/** Platform and transport of a target, the key round trips are counted by. */
export function transportOf(target: Config['targets'][number]): string {
  if (target.platform !== 'hyperv') return `${target.platform} ${target.platform === 'vcenter' ? 'rest+vim' : 'vim25'}`;
  if (target.transport === 'ssh') return 'hyperv ssh';
  return target.winrm?.https ? 'hyperv winrm-https-basic' : 'hyperv winrm-http-ntlm';
}

export interface ScanSummary extends Omit<Measurement, 'report'> {
  hosts: number;
  targets: number;
  failedHosts: number;
  /** Mean facts.collection.requests per host, by transport; null where the connector does not report it. */
  requestsPerHost: Record<string, number | null>;
}

function requestsByTransport(m: Measurement, transportOfTarget: Map<string, string>): Record<string, number | null> {
  const sums = new Map<string, { total: number; counted: number; hosts: number }>();
  // A vCenter's hosts share one connection: each host's facts carry its count when the host was handed on, so the
  // target's largest is its whole count (but for DestroyView and Logout), shared by its hosts.
  const ofTarget = new Map<string, { hosts: number; requests: number }>();
  for (const host of m.report.hosts) {
    const t = ofTarget.get(host.target) ?? { hosts: 0, requests: 0 };
    t.hosts++;
    t.requests = Math.max(t.requests, host.facts?.collection.requests ?? 0);
    ofTarget.set(host.target, t);
  }
  for (const host of m.report.hosts) {
    const key = transportOfTarget.get(host.target) ?? 'unknown';
    const s = sums.get(key) ?? { total: 0, counted: 0, hosts: 0 };
    const target = ofTarget.get(host.target)!;
    s.hosts++;
    if (host.facts?.collection.requests !== undefined) {
      s.total += target.requests / target.hosts;
      s.counted++;
    }
    sums.set(key, s);
  }
  return Object.fromEntries(
    [...sums].map(([k, s]) => [
      k,
      s.counted === s.hosts && s.hosts > 0 ? Math.round((s.total / s.hosts) * 10) / 10 : null,
    ]),
  );
}

export function summarize(m: Measurement, config: Config): ScanSummary {
  const { report, ...measured } = m;
  return {
    ...measured,
    hosts: report.hosts.length,
    targets: new Set(report.hosts.map((h) => h.target)).size,
    failedHosts: report.summary.failedHosts,
    requestsPerHost: requestsByTransport(m, new Map(config.targets.map((t) => [t.name, transportOf(t)]))),
  };
}

/**
 * Runs the scan of `configPath` in a worker process and returns its measurements; rejects after `timeoutMs`. `cpus`
 * pins the worker (taskset list form); `nodeArgs` go before the script (e.g. --cpu-prof for a profile).
 */
export function scanInWorker(
  configPath: string,
  workDir: string,
  timeoutMs = 600_000,
  cpus?: string,
  nodeArgs: string[] = [],
): Promise<ScanSummary> {
  const result = join(workDir, `summary-${Date.now()}.json`);
  const [command, args] = pinnedCommand(
    process.execPath,
    [
      '--expose-gc',
      ...nodeArgs,
      ...entryArgs('bench/scan-worker.ts'),
      configPath,
      join(workDir, 'report.json'),
      result,
    ],
    cpus,
  );
  const child = spawn(command, args, { cwd: projectFile('.'), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => (child.kill('SIGKILL'), reject(new Error(`scan worker did not finish within ${timeoutMs} ms`))),
      timeoutMs,
    );
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`scan worker exited with ${code}:\n${stderr}`));
      resolve(JSON.parse(readFileSync(result, 'utf8')) as ScanSummary);
    });
  });
}

async function main(): Promise<void> {
  const [configPath, reportPath, resultPath] = process.argv.slice(2);
  if (!configPath || !reportPath || !resultPath) throw new Error('usage: scan-worker.ts CONFIG REPORT RESULT');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Config;
  const m = await measuredScan(configPath, reportPath);
  writeFileSync(resultPath, JSON.stringify(summarize(m, config)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
