import pLimit from 'p-limit';
import winston from 'winston';
import { collectVsphere } from '../connectors/esxi/index.js';
import { HttpEndpoint, MAX_PAGE_BYTES } from '../connectors/esxi/vim25/http.js';
import { pagingLimits } from '../connectors/esxi/property/property.js';
import { loadProfile, startEsxiSimulator } from '../src/lab/esxi/index.js';

export interface VcenterCalls {
  hosts: number;
  /** RetrievePropertiesEx calls the simulator served (SOAP and VI/JSON): the host pass's, and one per host-pass page at most. */
  propertyCollectorCalls: number;
  /** ContinueRetrievePropertiesEx pages (maxObjects per page): these grow with the inventory. */
  continuationPages: number;
  /** Every request the vCenter served for one collection. */
  requests: number;
  protocol: string;
}

/**
 * The host pass's first call, then at most one manager call per host-pass page (the hosts that page completed): the
 * calls grow with pages only, never per host (docs/esxi-connector.md).
 */
export function propertyCollectorCallsPerPage(calls: VcenterCalls): boolean {
  return calls.propertyCollectorCalls - 1 <= 1 + calls.continuationPages;
}

/**
 * Collects a simulated vCenter of each size and counts, on the server side, the property-collector calls. The
 * simulator runs in this process: only the counts are used, no time or memory is measured here.
 */
export async function propertyCollectorCalls(sizes: number[], concurrency: number): Promise<VcenterCalls[]> {
  const results: VcenterCalls[] = [];
  for (const hosts of sizes) {
    const sim = await startEsxiSimulator({
      mode: 'vcenter',
      hosts,
      profile: 'esxi-8.0-risky',
      username: 'audit@vsphere.local',
      password: 'bench-only',
      latencyMs: 0,
    });
    try {
      const limit = pLimit(concurrency);
      const stats = await collectVsphere(
        {
          name: 'vc-bench',
          platform: 'vcenter',
          host: sim.host,
          port: sim.port,
          username: sim.username,
          passwordEnv: 'UNUSED',
          tls: { fingerprint: sim.fingerprint },
        },
        {
          signal: AbortSignal.timeout(120_000),
          logger: winston.createLogger({ silent: true }),
          credentials: { username: sim.username, password: sim.password },
          limit,
          timeoutMs: 120_000,
          onHost: () => undefined,
        },
      );
      const byMethod = sim.requestsByMethod();
      const count = (re: RegExp) =>
        Object.entries(byMethod)
          .filter(([method]) => re.test(method))
          .reduce((n, [, c]) => n + c, 0);
      results.push({
        hosts,
        propertyCollectorCalls: count(/(^|\s)RetrievePropertiesEx$/),
        continuationPages: count(/ContinueRetrievePropertiesEx$/),
        requests: sim.requestCount(),
        protocol: stats.protocol,
      });
    } finally {
      await sim.close();
    }
  }
  return results;
}

export interface PagingAtSize {
  hosts: number;
  optionsPerHost: number;
  /** Property-collector pages (host pass and manager pass, first pages and continuations). */
  pages: number;
  largestPageBytes: number;
  totalPageBytes: number;
  pageCapBytes: number;
  budgetBytes: number;
  ok: boolean;
}

/**
 * Issue 12: a vCenter of `hosts` hosts with `optionsPerHost` advanced options each, collected once: every page must
 * stay under the page cap and the total inside the connector's paging budget. In-process; sizes only, no timing.
 */
export async function pagingAtSize(hosts: number, optionsPerHost: number): Promise<PagingAtSize> {
  const profile = loadProfile('esxi-8.0-hardened');
  for (let i = 0; i < optionsPerHost; i++)
    profile.options[`Bench.Option${i}.Setting`] = { type: 'string', value: `value-${i}` };
  profile.vms = {};
  const sim = await startEsxiSimulator({
    mode: 'vcenter',
    hosts,
    profile,
    username: 'audit@vsphere.local',
    password: 'bench-only',
    latencyMs: 0,
  });
  const pages: number[] = [];
  const send = HttpEndpoint.prototype.send;
  HttpEndpoint.prototype.send = async function (this: HttpEndpoint, req) {
    const res = await send.call(this, req);
    if (/RetrievePropertiesEx$/.test(req.what) && !/^REST/.test(req.what)) pages.push(res.body.length);
    return res;
  };
  try {
    await collectVsphere(
      {
        name: 'vc-bench',
        platform: 'vcenter',
        host: sim.host,
        port: sim.port,
        username: sim.username,
        passwordEnv: 'UNUSED',
        tls: { fingerprint: sim.fingerprint },
        viJson: 'off',
        esxcli: false,
      },
      {
        signal: AbortSignal.timeout(3_600_000),
        logger: winston.createLogger({ silent: true }),
        credentials: { username: sim.username, password: sim.password },
        limit: pLimit(32),
        timeoutMs: 3_600_000,
        onHost: () => undefined,
      },
    );
  } finally {
    HttpEndpoint.prototype.send = send;
    await sim.close();
  }
  const largestPageBytes = Math.max(...pages);
  const totalPageBytes = pages.reduce((a, b) => a + b, 0);
  const budgetBytes = pagingLimits(hosts).bytes;
  return {
    hosts,
    optionsPerHost,
    pages: pages.length,
    largestPageBytes,
    totalPageBytes,
    pageCapBytes: MAX_PAGE_BYTES,
    budgetBytes,
    ok: largestPageBytes < MAX_PAGE_BYTES && totalPageBytes < budgetBytes,
  };
}
