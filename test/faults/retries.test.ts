import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { connectorFor } from '../../connectors/index.js';
import type { Target } from '../../src/core/config/schema.js';
import { runScan } from '../../src/scan/engine.js';
import { refusedPort } from '../connectors/contract.js';
import { memoryLogger } from '../core/helpers.js';
import { collect, startHost } from '../hyperv/winrm-context.js';

/** A server that accepts each connection and resets it at once (RST), as a crashing daemon or a middlebox would. */
async function resetServer(): Promise<{ port: number; connections: () => number; close: () => void }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => server.close(),
  };
}

const common = { username: 'u', passwordEnv: 'UNUSED', timeoutSeconds: 20 };
const TRANSPORTS: Record<string, (host: string, port: number) => Target> = {
  esxi: (host, port) => ({ name: 'esx', platform: 'esxi', host, port, ...common, tls: { insecure: true } }),
  ssh: (host, port) => ({
    name: 'hv-ssh',
    platform: 'hyperv',
    transport: 'ssh',
    host,
    port,
    ...common,
    ssh: { hostKeyFingerprint: `SHA256:${'A'.repeat(43)}` },
  }),
  winrm: (host, port) => ({
    name: 'hv-winrm',
    platform: 'hyperv',
    transport: 'winrm',
    host,
    port,
    ...common,
    winrm: { https: false, auth: 'ntlm' },
  }),
};

async function scanOnce(target: Target) {
  const { logger, redactor } = memoryLogger('info');
  const result = await runScan({
    targets: [target],
    concurrency: 1,
    timeoutSeconds: 20,
    retries: 1,
    retryBackoffMs: 1,
    connectorFor,
    credentialsFor: () => ({ username: 'u', password: 'pw' }),
    logger,
    redactor,
  });
  return result.hosts[0]!;
}

const resets: Array<{ close: () => void }> = [];
afterAll(() => resets.forEach((r) => r.close()));

describe('one retry policy on every transport', () => {
  it.each(Object.keys(TRANSPORTS))(
    '%s: a refused connection and an unknown name are not retried; a reset is, once',
    async (transport) => {
      const make = TRANSPORTS[transport]!;
      const refused = await scanOnce(make('127.0.0.1', await refusedPort()));
      expect(refused).toMatchObject({ status: 'failed', attempts: 1, errors: [{ step: 'connect' }] });
      const unknown = await scanOnce(make('nonexistent.invalid', 443));
      expect(unknown).toMatchObject({ status: 'failed', attempts: 1, errors: [{ step: 'connect' }] });
      const reset = await resetServer();
      resets.push(reset);
      const dropped = await scanOnce(make('127.0.0.1', reset.port));
      expect(dropped).toMatchObject({ status: 'failed', attempts: 2 });
      expect(reset.connections()).toBeGreaterThanOrEqual(2);
    },
  );
});

describe('WinRM w:TimedOut', () => {
  it('backs off when a server answers every Receive with w:TimedOut at once (was thousands of requests a second)', async () => {
    const sim = await startHost({ https: false, auth: ['ntlm'], neverDone: true, timedOutWaitMs: 0 });
    try {
      const { run } = collect(
        {
          name: 'hv-winrm',
          host: '127.0.0.1',
          port: sim.port,
          username: 'Administrator',
          platform: 'hyperv',
          transport: 'winrm',
          winrm: { https: false, auth: 'ntlm' },
        },
        { signal: AbortSignal.timeout(3000) },
      );
      await run.catch(() => undefined);
      const receives = sim.log.actions.filter((a) => a === 'receive').length;
      // 100 ms doubling: about 5 Receives in 3 s; without backoff the loop sends one per round trip.
      expect(receives).toBeGreaterThan(2);
      expect(receives).toBeLessThan(12);
    } finally {
      await sim.close();
    }
  });
});
