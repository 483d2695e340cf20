import pLimit from 'p-limit';
import winston from 'winston';
import { collectVsphere } from '../connectors/esxi/index.js';
import { startEsxiSimulator } from '../src/lab/esxi/index.js';

export interface VcenterCalls {
  hosts: number;
  /** RetrievePropertiesEx + ContinueRetrievePropertiesEx the simulator served (SOAP and VI/JSON). */
  propertyCollectorCalls: number;
  /** Every request the vCenter served for one collection. */
  requests: number;
  protocol: string;
}

/**
 * Collects a simulated vCenter of each size and counts, on the server side, the property-collector calls. The
 * simulator runs in this process: only the counts are used, no time or memory is measured here.
 */
export async function propertyCollectorCalls(sizes: number[], concurrency: number): Promise<VcenterCalls[]> {
  const results: VcenterCalls[] = [];
  for (const hosts of sizes) {
    const sim = await startEsxiSimulator({ mode: 'vcenter', hosts, profile: 'esxi-8.0-risky', username: 'audit@vsphere.local', password: 'bench-only', latencyMs: 0 });
    try {
      const limit = pLimit(concurrency);
      const { stats } = await collectVsphere(
        { name: 'vc-bench', platform: 'vcenter', host: sim.host, port: sim.port, username: sim.username, passwordEnv: 'UNUSED', tls: { fingerprint: sim.fingerprint } },
        { signal: AbortSignal.timeout(120_000), logger: winston.createLogger({ silent: true }), credentials: { username: sim.username, password: sim.password }, limit, timeoutMs: 120_000 },
      );
      const byMethod = sim.requestsByMethod();
      const pc = Object.entries(byMethod)
        .filter(([method]) => /(^|\s)(Continue)?RetrievePropertiesEx$/.test(method))
        .reduce((n, [, count]) => n + count, 0);
      results.push({ hosts, propertyCollectorCalls: pc, requests: sim.requestCount(), protocol: stats.protocol });
    } finally {
      await sim.close();
    }
  }
  return results;
}
