// Hyper-V collector benchmark (issue 11): collector.ps1 under real pwsh on the 500-VM mock host, with latency in every
// mocked Windows call. Prints each mocked command with its call count, the wall time and the sections lost, against
// the target: done within the default host timeout (scan.timeoutSeconds, 120 s) with 0 sections lost.
// `npx tsx bench/hyperv-collector.ts [--vms 500] [--latency 40,0.2]` (ms per call, ms per returned item).
// The latency is a model, not a measurement: a loaded WMI/Hyper-V provider answering in tens of milliseconds per call.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { collectorWithDeadline } from '../connectors/hyperv/collector/launch.js';
import { SECTIONS } from '../connectors/hyperv/collector/document.js';
import { mockHost } from '../test/hyperv/pwsh/host-fixtures.js';
import { findPwsh } from '../test/hyperv/pwsh/pwsh-path.js';
import { frameJson, runUnderPwsh } from '../test/hyperv/pwsh/run-collector.js';

const DEFAULT_TIMEOUT_MS = 120_000;

export interface CollectorBench {
  vms: number;
  latency: string;
  wallMs: number;
  calls: Record<string, number>;
  totalCalls: number;
  sectionsLost: string[];
  vmsCollected: number;
  withinTimeout: boolean;
}

export async function benchCollector(vms: number, latency: string, pwsh: string): Promise<CollectorBench> {
  const run = await runUnderPwsh(pwsh, mockHost({ vmCount: vms }), {
    script: collectorWithDeadline(DEFAULT_TIMEOUT_MS),
    latency,
    timeoutMs: DEFAULT_TIMEOUT_MS * 2,
  });
  const doc = frameJson(run.stdout);
  const sectionsLost = SECTIONS.filter((s) => doc[s] === null || doc[s] === undefined || doc.errors?.[s]);
  const calls = Object.fromEntries(Object.entries(run.calls).sort((a, b) => b[1] - a[1]));
  return {
    vms,
    latency,
    wallMs: Math.round(run.wallMs),
    calls,
    totalCalls: Object.values(run.calls).reduce((a, b) => a + b, 0),
    sectionsLost,
    vmsCollected: Array.isArray(doc.vms?.items) ? doc.vms.items.length : 0,
    withinTimeout: run.wallMs < DEFAULT_TIMEOUT_MS,
  };
}

async function main() {
  const { values } = parseArgs({
    options: { vms: { type: 'string', default: '500' }, latency: { type: 'string', default: '40,0.2' } },
  });
  const pwsh = findPwsh();
  if (!pwsh) throw new Error('pwsh not found: run scripts/install-test-tools.sh (or set HVSCAN_PWSH)');
  const r = await benchCollector(Number(values.vms), values.latency!, pwsh);
  const lines = [
    `Hyper-V collector under ${pwsh} on a mock host with ${r.vms} VMs, latency ${r.latency} (ms per call, ms per item)`,
    ...Object.entries(r.calls).map(([name, count]) => `  ${name.padEnd(28)} ${String(count).padStart(5)} calls`),
    `  ${'total'.padEnd(28)} ${String(r.totalCalls).padStart(5)} calls`,
    `wall ${(r.wallMs / 1000).toFixed(1)} s (target < ${DEFAULT_TIMEOUT_MS / 1000} s: ${r.withinTimeout ? 'met' : 'missed'}); ` +
      `VMs collected ${r.vmsCollected}/${r.vms}; sections lost ${r.sectionsLost.length} (target 0: ${r.sectionsLost.length === 0 ? 'met' : `missed: ${r.sectionsLost.join(', ')}`})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
