import type { ScaleResult, PhaseResult } from './scale.js';

/** Issue 6 §3; the report size per host: issue 14 §1. */
export const TARGETS = { ratio: 1.3, peakRssMbPer1000Hosts: 300, cpuMsPerHost: 5, reportKbPerHost: 40 } as const;

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => row(r, widths)).join('\n');
}

/** `rssTarget` undefined: the RSS target is the 1,000-host scan's (issue 6), not this phase's. */
function phaseRows(name: string, p: PhaseResult, rssTarget: number | undefined): string[][] {
  return [
    [`${name}: hosts (targets)`, `${p.hosts} (${p.targets}), ${p.failedHosts} failed`, ''],
    [`${name}: wall time`, `${(p.wallMs / 1000).toFixed(2)} s`, ''],
    [`${name}: lower bound`, `${(p.lowerBoundMs / 1000).toFixed(2)} s`, ''],
    [`${name}: ratio wall / lower bound`, p.ratio.toFixed(2), `<= ${TARGETS.ratio} ${mark(p.ratio <= TARGETS.ratio)}`],
    [
      `${name}: peak RSS (${p.peakRssMethod})`,
      `${p.peakRssMb} MB (${p.baselineRssMb} MB before the scan)`,
      rssTarget === undefined
        ? '(target: the standalone scan)'
        : `<= ${rssTarget} MB ${mark(p.peakRssMb <= rssTarget)}`,
    ],
    [
      `${name}: CPU per host`,
      `${p.cpuMsPerHost.toFixed(2)} ms (${p.cpuMs} ms total)`,
      `<= ${TARGETS.cpuMsPerHost} ms ${mark(p.cpuMsPerHost <= TARGETS.cpuMsPerHost)}`,
    ],
    [
      `${name}: JSON report per host`,
      `${p.reportKbPerHost.maxKb} KB largest, ${p.reportKbPerHost.meanKb} KB mean`,
      `<= ${TARGETS.reportKbPerHost} KB ${mark(p.reportKbPerHost.maxKb <= TARGETS.reportKbPerHost)}`,
    ],
    [`${name}: simulated hosts' CPU (not hvscan)`, p.labCpuMs === null ? 'n/a' : `${p.labCpuMs} ms`, ''],
  ];
}

export function renderTable(r: ScaleResult): string {
  const o = r.options;
  const rssTarget = TARGETS.peakRssMbPer1000Hosts * Math.max(1, r.standalone.hosts / 1000);
  const [small, large] = r.propertyCollector;
  const rows: string[][] = [
    ['measure', 'measured', 'target'],
    ...phaseRows('standalone', r.standalone, rssTarget),
    ...phaseRows('vcenter', r.vcenter, undefined),
    [
      'vCenter property-collector calls',
      r.propertyCollector
        .map((p) => `${p.propertyCollectorCalls} (+${p.continuationPages} pages) for ${p.hosts} hosts`)
        .join(', '),
      `<= 1 + one per host-pass page ${mark(r.verdict.propertyCollectorPerPage)}`,
    ],
    ...(r.paging
      ? [
          [
            `vCenter paging: ${r.paging.hosts} hosts x ${r.paging.optionsPerHost} options`,
            `${r.paging.pages} pages, largest ${(r.paging.largestPageBytes / 2 ** 20).toFixed(1)} MiB, total ${(r.paging.totalPageBytes / 2 ** 20).toFixed(0)} MiB`,
            `< ${r.paging.pageCapBytes / 2 ** 20} MiB a page, < ${(r.paging.budgetBytes / 2 ** 20).toFixed(0)} MiB in all ${mark(r.paging.ok)}`,
          ],
        ]
      : []),
  ];
  const trips = Object.entries(r.sequentialRoundTrips).map(([k, n]) => `  ${k.padEnd(26)} ${n} sequential round trips`);
  const requests = (p: PhaseResult) =>
    Object.entries(p.requestsPerHost).map(([k, n]) => `  ${k.padEnd(26)} ${n ?? 'not reported by the connector'}`);
  return [
    `hvscan scale benchmark on ${r.machine.nproc} x ${r.machine.cpuModel}, Node ${r.machine.node} (${r.machine.platform})`,
    `${o.esxi} ESXi + ${o.hyperv} Hyper-V standalone, a vCenter with ${o.vcenterHosts} hosts; latency ${o.latencyMs} ms per round trip; concurrency ${o.concurrency}; simulated hosts in a child process`,
    '',
    table(rows),
    '',
    `Sequential round trips of one host alone (floor(elapsed / ${o.probeLatencyMs} ms) with ${o.probeLatencyMs} ms injected per round trip, after a warm-up):`,
    ...trips,
    `Requests per host (facts.collection.requests, mean; a vCenter's count is shared by its hosts):`,
    ...requests(r.standalone),
    ...requests(r.vcenter),
    `vCenter manager calls per host: ${r.vcenter.managerCallsPerHost} (requests for ${large?.hosts} hosts minus ${small?.hosts} hosts, per host)`,
    '',
    `Lower bound (standalone): ${r.standalone.lowerBoundFormula}`,
    `Lower bound (vCenter): ${r.vcenter.lowerBoundFormula}`,
    'CPU and RSS are this process only (hvscan collecting, judging and writing the JSON report); the simulated hosts run in a child.',
  ].join('\n');
}
