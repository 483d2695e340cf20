// Issue 14 §4, "vCenter against govmomi": hvscan and a govmomi client (bench/govmomi-peer/main.go) read the same
// HostSystem properties from the same vcsim (test/vcsim, govmomi's own simulator) with 500 hosts, in the same run.
// Both are built offline from Debian's go and govmomi (test/go/build.ts). Target: hvscan's wall time at most 2x the
// client's, hvscan's peak RSS at most 150 MB.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HOST_PATHS, hostPaths } from '../connectors/esxi/inventory/retrieve.js';
import type { Config } from '../src/core/config/schema.js';
import type { ScanReport } from '../src/core/report/schema.js';
import { buildGoProgram, GO_PEER_PASSWORD_ENV } from '../test/go/build.js';
import { startVcsim } from '../test/vcsim/harness.js';
import { scanInWorker } from './scan-worker.js';

export const GOVMOMI_TARGETS = { wallRatio: 2, peakRssMb: 150 } as const;

/** What bench/govmomi-peer/main.go prints. */
interface PeerRun {
  apiVersion: string;
  paths: string[];
  hosts: number;
  named: number;
  wallMs: number;
  cpuMs: number;
  peakRssKb: number;
}

export interface GovmomiResult {
  hosts: number;
  apiVersion: string;
  /** The HostSystem paths both clients requested (hvscan's list, gated by the server's API version). */
  paths: string[];
  hvscan: {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
    failedHosts: number;
    hostsScanned: number;
    /** The fastest run's collection sections as its report gives them: the host pass (what the peer does), the managers. */
    propertiesMs: number | null;
    managersMs: number | null;
  };
  govmomi: { wallMs: number; cpuMs: number; peakRssMb: number; hostsRead: number };
  wallRatio: number;
  met: { wallRatio: boolean; peakRss: boolean };
}

const PASSWORD_ENV = 'HVSCAN_BENCH_VCSIM_PASSWORD';
/** vcsim started without -password accepts any non-empty password; this one never leaves the machine. */
const PASSWORD = 'bench-only';

/** A vCenter's hosts share one collection: the first host's sections (ms) are the target's. */
function reportSections(reportPath: string): Record<string, number> {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ScanReport;
  const sections = report.hosts[0]?.facts?.collection.sections ?? {};
  return Object.fromEntries(Object.entries(sections).map(([name, s]) => [name, s.ms]));
}

/** Runs each side `runs` times, alternating, and keeps each side's fastest run (a loaded machine only adds time). */
export async function runGovmomiBench(
  hosts: number,
  work: string,
  runs = 2,
  cpus?: { scanner?: string },
): Promise<GovmomiResult> {
  const [peer, sim] = await Promise.all([
    buildGoProgram('bench/govmomi-peer'),
    startVcsim({ mode: 'vpx', hosts, user: 'bench', password: PASSWORD }),
  ]);
  try {
    const thumbprint = new X509Certificate(sim.certificatePem).fingerprint;
    const config: Config = {
      targets: [
        {
          name: 'vcsim',
          platform: 'vcenter',
          host: sim.host,
          port: sim.port,
          username: 'bench',
          passwordEnv: PASSWORD_ENV,
          tls: { fingerprint: sim.sha256 },
        },
      ],
      scan: { concurrency: 32, timeoutSeconds: 600, retries: 0 },
      rules: { profile: 'scg' },
      output: {},
    } as Config;
    const configPath = join(work, 'govmomi-bench.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    process.env[PASSWORD_ENV] = PASSWORD;
    const peerArgs = [
      '-url',
      sim.url,
      '-user',
      'bench',
      '-thumbprint',
      thumbprint,
      '-paths',
      JSON.stringify(HOST_PATHS),
    ];
    const peerRuns: PeerRun[] = [];
    const scans = [];
    for (let i = 0; i < runs; i++) {
      const { stdout } = await promisify(execFile)(peer, peerArgs, {
        timeout: 600_000,
        maxBuffer: 1 << 20,
        env: { ...process.env, [GO_PEER_PASSWORD_ENV]: PASSWORD },
      });
      peerRuns.push(JSON.parse(stdout) as PeerRun);
      const scan = await scanInWorker(configPath, work, 600_000, cpus?.scanner);
      scans.push({ ...scan, sections: reportSections(join(work, 'report.json')) });
    }
    const bestPeer = peerRuns.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const best = scans.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    // The two cannot drift: the peer's gated list must be hvscan's for the same API version.
    const expected = hostPaths(bestPeer.apiVersion);
    if (JSON.stringify(bestPeer.paths) !== JSON.stringify(expected)) {
      throw new Error(
        `govmomi peer requested ${bestPeer.paths.join(',')}, hvscan requests ${expected.join(',')} for API ${bestPeer.apiVersion}`,
      );
    }
    if (bestPeer.hosts !== hosts || bestPeer.named !== hosts)
      throw new Error(`govmomi peer read ${bestPeer.hosts} hosts (${bestPeer.named} named), expected ${hosts}`);
    const wallRatio = Math.round((best.wallMs / bestPeer.wallMs) * 100) / 100;
    const peakRssMb = Math.round(best.peakRssMb);
    return {
      hosts,
      apiVersion: bestPeer.apiVersion,
      paths: expected,
      hvscan: {
        wallMs: Math.round(best.wallMs),
        cpuMs: Math.round(best.cpuMs),
        peakRssMb,
        failedHosts: best.failedHosts,
        hostsScanned: best.hosts,
        propertiesMs: best.sections.properties ?? null,
        managersMs: best.sections.managers ?? null,
      },
      govmomi: {
        wallMs: Math.round(bestPeer.wallMs),
        cpuMs: Math.round(bestPeer.cpuMs),
        peakRssMb: Math.round(bestPeer.peakRssKb / 1024),
        hostsRead: bestPeer.hosts,
      },
      wallRatio,
      met: { wallRatio: wallRatio <= GOVMOMI_TARGETS.wallRatio, peakRss: peakRssMb <= GOVMOMI_TARGETS.peakRssMb },
    };
  } finally {
    await sim.close();
  }
}
