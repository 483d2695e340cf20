import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

async function failure(target: VsphereTarget, ctx = testContext()): Promise<CollectError> {
  const err = await collectHosts(target, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CollectError);
  return err as CollectError;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

/** Protocol- and socket-level bad input against VMware's simulator and loopback sockets. */
describe('ESXi connector on bad peers (vcsim and loopback sockets)', () => {
  let sim: Vcsim;
  let dir: string;
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    sim = await startVcsim({ mode: 'esx', password: 'secret' });
    dir = mkdtempSync(join(tmpdir(), 'hvscan-esxi-'));
  }, 660_000);
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("wrong credentials on VMware's SOAP stack: auth step, InvalidLogin", async () => {
    const err = await failure(
      vsphereTarget({ host: sim.host, port: sim.port, tls: { fingerprint: sim.sha256 } }),
      testContext('wrong'),
    );
    expect(err).toMatchObject({ step: 'auth', code: 'InvalidLogin', transient: false });
    expect(err.message).toContain('Login refused: wrong user name or password');
  });

  it('wrong certificate fingerprint: tls step, before any request byte', async () => {
    const err = await failure(vsphereTarget({ host: sim.host, port: sim.port, tls: { fingerprint: 'ab'.repeat(32) } }));
    expect(err).toMatchObject({ step: 'tls', code: 'CERT_FINGERPRINT_MISMATCH' });
    expect(err.message).toContain(sim.sha256);
  });

  it('an unknown self-signed certificate fails CA verification by default', async () => {
    const err = await failure(vsphereTarget({ host: sim.host, port: sim.port }));
    expect(err.step).toBe('tls');
  });

  it('tls.caFile trusts the simulator\'s CA and is recorded as "ca"', async () => {
    const caFile = join(dir, 'vcsim-ca.pem');
    writeFileSync(caFile, sim.certificatePem);
    const { hosts } = await collectHosts(
      vsphereTarget({ host: sim.host, port: sim.port, tls: { caFile } }),
      testContext(),
    );
    expect(hosts[0]!.collection.serverTrust).toBe('ca');
  });

  it('connection reset mid-response: a transient error naming the call', async () => {
    // A TCP relay in front of vcsim that resets the connection once 2.5 kB have come back: past the TLS handshake,
    // inside the RetrieveServiceContent response.
    const relay = net.createServer((client) => {
      sockets.add(client);
      const upstream = net.connect(sim.port, sim.host);
      sockets.add(upstream);
      let seen = 0;
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 2500) {
          client.write(chunk.subarray(0, chunk.length - (seen - 2500)));
          client.resetAndDestroy();
          upstream.destroy();
        } else client.write(chunk);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    servers.push(relay);
    const port = await listen(relay);
    const err = await failure(vsphereTarget({ host: '127.0.0.1', port, tls: { fingerprint: sim.sha256 } }));
    expect(err).toMatchObject({ step: 'connect', transient: true });
    expect(err.message).toMatch(/connection reset during RetrieveServiceContent/);
  });

  it('a host that accepts TCP and never answers: the per-host timeout aborts it', async () => {
    const silent = net.createServer((socket) => sockets.add(socket));
    servers.push(silent);
    const port = await listen(silent);
    const target = vsphereTarget({ host: '127.0.0.1', port, tls: { insecure: true } });
    const timedOut = await failure(target, testContext('secret', AbortSignal.timeout(300)));
    expect(timedOut).toMatchObject({ step: 'timeout', transient: true });
    expect(timedOut.message).toContain('timed out waiting for RetrieveServiceContent');

    const controller = new AbortController();
    const pending = failure(target, testContext('secret', controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ step: 'aborted' });
  });
});
