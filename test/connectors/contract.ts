import net from 'node:net';
import { Writable } from 'node:stream';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import type { CollectContext, Connector, Credentials } from '../../src/core/connector/types.js';
import type { Target } from '../../src/core/config/schema.js';
import { HostFacts } from '../../src/core/model/index.js';
import { collectAll } from './collect-all.js';

/**
 * The suite every connector must pass. A connector test file calls
 *   describeConnectorContract('esxi', async () => ({ connector, targetAt, credentials, reachable }))
 * `targetAt(port)` builds a target of the connector's kind aimed at 127.0.0.1:port; the contract puts its own
 * misbehaving loopback servers there (silent, garbage, refused). `reachable` is a target that collects successfully
 * (a simulator on loopback), used to check the output.
 */
export interface ContractSetup<T extends Target = Target> {
  connector: Connector<T>;
  targetAt(port: number): T;
  credentials: Credentials;
  reachable: () => Promise<T> | T;
  teardown?: () => Promise<void>;
}

const SETUP_TIMEOUT_MS = 120_000;

/** Settling later than this after an abort counts as ignoring the signal. */
export const ABORT_GRACE_MS = 3000;
const STEPS = ['config', 'connect', 'tls', 'auth', 'collect', 'parse', 'timeout', 'aborted'];

export interface CapturedLogger {
  logger: winston.Logger;
  lines: string[];
}

export function capturingLogger(): CapturedLogger {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = winston.createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
  return { logger, lines };
}

export function contextFor(
  credentials: Credentials,
  signal: AbortSignal,
  logger: winston.Logger,
  timeoutMs = 30_000,
): CollectContext {
  return { signal, logger, credentials, limit: (fn) => fn(), timeoutMs, onHost: () => undefined };
}

/** A loopback server; `onConnection` decides how it misbehaves. Tracks sockets so tests can see them close. */
export async function loopbackServer(onConnection: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let connections = 0;
  server.on('connection', () => connections++);
  const firstConnection = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  return {
    port,
    sockets,
    firstConnection,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, then released. */
export async function refusedPort(): Promise<number> {
  const server = await loopbackServer(() => undefined);
  await server.close();
  return server.port;
}

function withinGrace<T>(work: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what}: still running ${ABORT_GRACE_MS} ms after abort`)),
      ABORT_GRACE_MS,
    );
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** The connector's rejection, asserted to be a CollectError with a known step. */
export async function expectCollectError(work: Promise<unknown>): Promise<CollectError> {
  const outcome = await work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error('expected the connector to fail, it returned facts');
  if (!(outcome.error instanceof CollectError)) {
    throw new Error(
      `expected a CollectError, got ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)}`,
    );
  }
  expect(STEPS).toContain(outcome.error.step);
  return outcome.error;
}

/** Abort while the server holds the connection silent: the promise settles with a CollectError and the socket closes. */
export async function checkAbortWhileConnected<T extends Target>(setup: ContractSetup<T>): Promise<void> {
  const server = await loopbackServer(() => undefined);
  try {
    const controller = new AbortController();
    const { logger } = capturingLogger();
    const work = setup.connector.collect(
      setup.targetAt(server.port),
      contextFor(setup.credentials, controller.signal, logger),
    );
    work.catch(() => undefined);
    const socket = await server.firstConnection;
    const closed = new Promise<void>((resolve) =>
      socket.destroyed ? resolve() : socket.once('close', () => resolve()),
    );
    controller.abort();
    await expectCollectError(withinGrace(work, 'collect()'));
    await withinGrace(closed, 'the connection');
  } finally {
    await server.close();
  }
}

/** An already-aborted signal: fail with a CollectError without opening a connection. */
export async function checkPreAborted<T extends Target>(setup: ContractSetup<T>): Promise<void> {
  const server = await loopbackServer(() => undefined);
  try {
    const { logger } = capturingLogger();
    const work = setup.connector.collect(
      setup.targetAt(server.port),
      contextFor(setup.credentials, AbortSignal.abort(), logger),
    );
    await expectCollectError(withinGrace(work, 'collect() with an aborted signal'));
    expect(server.connections()).toBe(0);
  } finally {
    await server.close();
  }
}

/** Garbage on the wire or a refused port: a CollectError naming a step, never a TypeError or a hang. */
export async function checkHostileServer<T extends Target>(
  setup: ContractSetup<T>,
  mode: 'garbage' | 'refused',
): Promise<CollectError> {
  const server =
    mode === 'garbage'
      ? await loopbackServer((socket) => socket.end('\u0000\u00ffNOT A PROTOCOL\r\n\r\n<<garbage>>\r\n'))
      : undefined;
  const port = server?.port ?? (await refusedPort());
  try {
    const controller = new AbortController();
    const { logger } = capturingLogger();
    const timer = setTimeout(() => controller.abort(), 10_000);
    try {
      return await expectCollectError(
        setup.connector.collect(setup.targetAt(port), contextFor(setup.credentials, controller.signal, logger)),
      );
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await server?.close();
  }
}

/** Every `{ unknown: true }` in the facts carries a non-empty reason; returns their paths. */
export function unknownPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownPaths(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('unknown' in record) {
    expect(record.unknown, `${path}.unknown`).toBe(true);
    expect(typeof record.reason === 'string' && record.reason.trim() !== '', `${path} has a reason`).toBe(true);
    return [path];
  }
  return Object.entries(record).flatMap(([key, item]) => unknownPaths(item, path ? `${path}.${key}` : key));
}

export function describeConnectorContract<T extends Target>(
  name: string,
  makeSetup: () => Promise<ContractSetup<T>> | ContractSetup<T>,
): void {
  describe(`connector contract: ${name}`, () => {
    let setup: ContractSetup<T>;
    // Setup starts a simulator, which can take a while on a loaded CI machine.
    beforeAll(async () => {
      setup = await makeSetup();
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await setup?.teardown?.();
    }, SETUP_TIMEOUT_MS);

    it(
      'settles with a CollectError and closes its socket when aborted mid-connection',
      () => checkAbortWhileConnected(setup),
      15_000,
    );
    it('fails without connecting when the signal is already aborted', () => checkPreAborted(setup), 15_000);
    it('answers garbage on the wire with a CollectError', () => checkHostileServer(setup, 'garbage'), 15_000);
    it('answers a refused connection with a CollectError at the connect step', async () => {
      const error = await checkHostileServer(setup, 'refused');
      expect(error.step).toBe('connect');
    }, 15_000);
    it('returns facts that pass the HostFacts schema, with reasons for every unknown, and never logs the secret', async () => {
      const { logger, lines } = capturingLogger();
      const facts = await collectAll(
        setup.connector,
        await setup.reachable(),
        contextFor(setup.credentials, new AbortController().signal, logger),
      );
      expect(Array.isArray(facts)).toBe(true);
      expect(facts.length).toBeGreaterThan(0);
      for (const host of facts) {
        const parsed = HostFacts.safeParse(host);
        expect(parsed.success, parsed.error?.message).toBe(true);
        unknownPaths(host);
      }
      for (const secret of [setup.credentials.password, setup.credentials.passphrase]) {
        if (secret) expect(lines.join('\n')).not.toContain(secret);
        if (secret) expect(JSON.stringify(facts)).not.toContain(secret);
      }
    }, 60_000);
  });
}
