import winston from 'winston';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import type { CollectContext } from '../../src/core/connector/types.js';
import { collectVsphere, type VsphereStats } from '../../connectors/esxi/collect.js';
import type { EsxiHostFacts } from '../../src/core/model/index.js';
import type { EsxiSimulator } from '../../src/lab/esxi/index.js';

/** A collect context for tests: silent logger, no concurrency limit, the given signal (default 20 s). */
export function testContext(
  password = 'secret',
  signal: AbortSignal = AbortSignal.timeout(20_000),
  username = 'root',
): CollectContext {
  return {
    signal,
    logger: winston.createLogger({ silent: true }),
    credentials: { username, password },
    limit: (fn) => fn(),
    timeoutMs: 20_000,
    onHost: () => undefined,
  };
}

/** collectVsphere with the hosts it hands on gathered in a list, beside its request counts. */
export async function collectHosts(
  target: VsphereTarget,
  ctx: CollectContext,
): Promise<{ hosts: EsxiHostFacts[]; stats: VsphereStats }> {
  const hosts: EsxiHostFacts[] = [];
  const stats = await collectVsphere(target, {
    ...ctx,
    onHost: (facts) => {
      ctx.onHost(facts);
      hosts.push(facts as EsxiHostFacts);
    },
  });
  return { hosts, stats };
}

export function vsphereTarget(overrides: Partial<VsphereTarget> & Pick<VsphereTarget, 'host' | 'port'>): VsphereTarget {
  return { name: 'esx-under-test', platform: 'esxi', username: 'root', passwordEnv: 'UNUSED', ...overrides };
}

/** The target of a lab simulator, pinned to its certificate. */
export function labTarget(sim: EsxiSimulator, extra: Partial<VsphereTarget> = {}): VsphereTarget {
  return vsphereTarget({
    name: sim.mode === 'esxi' ? 'esx-lab' : 'vc-lab',
    platform: sim.mode === 'esxi' ? 'esxi' : 'vcenter',
    host: sim.host,
    port: sim.port,
    username: sim.username,
    tls: { fingerprint: sim.fingerprint },
    ...extra,
  });
}
