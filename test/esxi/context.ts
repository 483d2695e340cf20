import winston from 'winston';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import type { CollectContext } from '../../src/core/connector/types.js';
import type { EsxiSimulator } from '../../src/lab/esxi/index.js';

/** A collect context for tests: silent logger, no concurrency limit, the given signal (default 20 s). */
export function testContext(password = 'secret', signal: AbortSignal = AbortSignal.timeout(20_000), username = 'root'): CollectContext {
  return {
    signal,
    logger: winston.createLogger({ silent: true }),
    credentials: { username, password },
    limit: (fn) => fn(),
    timeoutMs: 20_000,
  };
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
