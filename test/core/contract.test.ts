import { afterAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/core/connector/types.js';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import {
  capturingLogger,
  checkAbortWhileConnected,
  checkHostileServer,
  checkPreAborted,
  contextFor,
  describeConnectorContract,
  loopbackServer,
  unknownPaths,
} from '../connectors/contract.js';
import { esxiFacts } from '../fixtures/facts.js';
import { tcpJsonConnector, hang } from './fake-connectors.js';

const targetAt = (port: number): VsphereTarget => ({
  name: 'fake',
  platform: 'esxi',
  host: '127.0.0.1',
  port,
  username: 'root',
  passwordEnv: 'X',
});
const credentials = { username: 'root', password: 'contract-secret-123' };

const servers: Array<{ close: () => Promise<void> }> = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

// The reference connector passes the whole suite.
describeConnectorContract('tcp-json reference', async () => {
  const facts = [esxiFacts({ firmware: { secureBoot: { unknown: true, reason: 'NoPermission on config.firmware' } } })];
  const server = await loopbackServer((socket) => socket.end(JSON.stringify(facts)));
  servers.push(server);
  return {
    connector: tcpJsonConnector as Connector<VsphereTarget>,
    targetAt,
    credentials,
    reachable: () => targetAt(server.port),
  };
});

// The contract's checks catch connectors that break it.
describe('the connector contract rejects broken connectors', () => {
  const ignoresAbort: Connector<VsphereTarget> = {
    id: 'ignores-abort',
    async collect(target, context) {
      const net = await import('node:net');
      net.connect({ host: target.host, port: target.port! }).on('error', () => undefined);
      return hang(context, true);
    },
  };
  const throwsTypeError: Connector<VsphereTarget> = {
    id: 'throws-type-error',
    async collect() {
      throw new TypeError("Cannot read properties of undefined (reading 'value')");
    },
  };
  const connectsAnyway: Connector<VsphereTarget> = {
    id: 'connects-when-aborted',
    collect: (target, context) =>
      tcpJsonConnector.collect(target, { ...context, signal: new AbortController().signal }),
  };

  it('fails a connector that ignores abort', async () => {
    await expect(
      checkAbortWhileConnected({ connector: ignoresAbort, targetAt, credentials, reachable: () => targetAt(1) }),
    ).rejects.toThrow(/after abort/);
  }, 15_000);

  it('fails a connector that throws something other than CollectError', async () => {
    await expect(
      checkHostileServer(
        { connector: throwsTypeError, targetAt, credentials, reachable: () => targetAt(1) },
        'garbage',
      ),
    ).rejects.toThrow(/expected a CollectError, got TypeError/);
  }, 15_000);

  it('fails a connector that connects although the signal was already aborted', async () => {
    await expect(
      checkPreAborted({ connector: connectsAnyway, targetAt, credentials, reachable: () => targetAt(1) }),
    ).rejects.toThrow();
  }, 15_000);

  it('finds every unknown and insists on its reason', () => {
    // The ESXi fixture's exposed surface has no sizes, as on a real host (docs/footprint.md), and its VM leaves the
    // security facts its tests do not set unknown (vmFacts): those unknowns are found too.
    expect(unknownPaths(esxiFacts({ firmware: { tpmPresent: { unknown: true, reason: 'no TPM API' } } }))).toEqual([
      'firmware.tpmPresent',
      'footprint.managementSurface.bytes',
      'vms.items[0].vtpm',
      'vms.items[0].nestedVirtualization',
      'vms.items[0].passthroughDevices',
    ]);
    expect(() => unknownPaths({ a: { unknown: true, reason: ' ' } })).toThrow(/has a reason/);
  });

  it('captures what a connector logs', () => {
    const { logger, lines } = capturingLogger();
    logger.info('hello');
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(lines.join('')).toContain('hello');
        expect(contextFor(credentials, AbortSignal.abort(), logger).signal.aborted).toBe(true);
        resolve();
      }),
    );
  });
});
