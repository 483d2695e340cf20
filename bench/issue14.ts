// Issue 14 §4's rows beside their targets: `govmomi` (vCenter of 500 hosts against a govmomi client on the same vcsim)
// and `standalone` (ESXi CPU per host; the standalone ratio with the lab on its own core). Run by `npm run bench`;
// HVSCAN_BENCH=govmomi,standalone (comma list) selects rows. Not a timed test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectFile } from '../src/core/paths.js';
import { GOVMOMI_TARGETS, runGovmomiBench, type GovmomiResult } from './govmomi-peer.js';
import { selectedRows } from './select.js';
import { STANDALONE_TARGETS, runStandaloneBench, type StandaloneResult } from './standalone.js';

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function govmomiRows(g: GovmomiResult): string[] {
  return [
    `vCenter ${g.hosts} hosts on vcsim (API ${g.apiVersion}), ${g.paths.length} HostSystem paths each:`,
    `  govmomi one-pass client: ${seconds(g.govmomi.wallMs)} wall, ${g.govmomi.cpuMs} ms CPU, ${g.govmomi.peakRssMb} MB peak RSS, ${g.govmomi.hostsRead} hosts`,
    `  hvscan scan (collect, judge, report): ${seconds(g.hvscan.wallMs)} wall, ${g.hvscan.cpuMs} ms CPU, ${g.hvscan.hostsScanned} hosts, ${g.hvscan.failedHosts} failed`,
    `  hvscan's sections: host property pass ${g.hvscan.propertiesMs ?? 'n/a'} ms (the peer's whole job), per-host manager calls ${g.hvscan.managersMs ?? 'n/a'} ms`,
    `  hvscan wall / govmomi wall: ${g.wallRatio.toFixed(2)}   target <= ${GOVMOMI_TARGETS.wallRatio} ${mark(g.met.wallRatio)}`,
    `  hvscan peak RSS: ${g.hvscan.peakRssMb} MB   target <= ${GOVMOMI_TARGETS.peakRssMb} MB ${mark(g.met.peakRss)}`,
  ];
}

function standaloneRows(s: StandaloneResult): string[] {
  const where =
    typeof s.placement === 'string'
      ? s.placement
      : `lab on CPU ${s.placement.lab}, scanner on CPU ${s.placement.scanner} (taskset)`;
  const lab = (ms: number | null) => (ms === null ? 'n/a' : `${ms} ms`);
  return [
    `Standalone (${where}):`,
    `  ESXi ${s.esxi.hosts} hosts: hvscan CPU per host ${s.esxi.cpuMsPerHost.toFixed(2)} ms (${s.esxi.cpuMs} ms total; lab ${lab(s.esxi.labCpuMs)})   target <= ${STANDALONE_TARGETS.esxiCpuMsPerHost} ms ${mark(s.met.esxiCpuPerHost)}`,
    `  ESXi requests per host: ${Object.entries(s.esxi.requestsPerHost)
      .map(([k, n]) => `${k} ${n ?? 'n/a'}`)
      .join(', ')}; wall ${seconds(s.esxi.wallMs)}, ratio ${s.esxi.ratio}`,
    `  ${s.standalone.hosts} hosts (ESXi + Hyper-V): wall ${seconds(s.standalone.wallMs)} / lower bound ${seconds(s.standalone.lowerBoundMs)} = ${s.standalone.ratio.toFixed(2)}   target <= ${STANDALONE_TARGETS.ratio} ${mark(s.met.ratio)}`,
    `    hvscan CPU ${s.standalone.cpuMs} ms (${s.standalone.cpuMsPerHost} ms per host), lab CPU ${lab(s.standalone.labCpuMs)}, peak RSS ${s.standalone.peakRssMb} MB, ${s.standalone.failedHosts} failed`,
    `    lower bound: ${s.standalone.lowerBoundFormula}`,
  ];
}

async function main(): Promise<void> {
  const rows = selectedRows(process.env.HVSCAN_BENCH);
  const machine = {
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
  process.stdout.write(
    `issue 14 rows on ${machine.nproc} x ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage}\n`,
  );
  const out: { machine: typeof machine; govmomi?: GovmomiResult; standalone?: StandaloneResult } = { machine };
  if (rows.has('govmomi')) {
    const work = mkdtempSync(join(tmpdir(), 'hvscan-bench-govmomi-'));
    try {
      out.govmomi = await runGovmomiBench(Number(process.env.HVSCAN_BENCH_VCSIM_HOSTS ?? 500), work, 2, {
        scanner: cpus().length > 1 ? '1' : undefined,
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    process.stdout.write(govmomiRows(out.govmomi).join('\n') + '\n');
  }
  if (rows.has('standalone')) {
    out.standalone = await runStandaloneBench({
      esxi: Number(process.env.HVSCAN_BENCH_ESXI ?? 500),
      hyperv: Number(process.env.HVSCAN_BENCH_HYPERV ?? 500),
      profileDir: process.env.HVSCAN_BENCH_PROFILE,
    });
    process.stdout.write(standaloneRows(out.standalone).join('\n') + '\n');
  }
  const file = projectFile('bench/results-issue14.json');
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`results: ${file}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
