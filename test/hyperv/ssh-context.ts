import { Writable } from 'node:stream';
import winston from 'winston';
import { expect } from 'vitest';
import type { HypervSshTarget } from '../../src/core/config/schema.js';
import type { CollectContext, Credentials } from '../../src/core/connector/types.js';

/** A collection context as the engine builds it, with a silent logger that keeps what was logged. */
export function sshContext(
  credentials: Credentials,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): CollectContext & { logged: string[] } {
  const logged: string[] = [];
  const memory = new Writable({
    objectMode: true,
    write(info: { message: string }, _encoding, done) {
      logged.push(info.message);
      done();
    },
  });
  const logger = winston.createLogger({
    level: 'debug',
    transports: [new winston.transports.Stream({ stream: memory })],
  });
  return {
    signal: options.signal ?? new AbortController().signal,
    logger,
    credentials,
    limit: (fn) => fn(),
    timeoutMs: options.timeoutMs ?? 20_000,
    onHost: () => undefined,
    logged,
  };
}

export function sshTarget(port: number, username: string, extra: Partial<HypervSshTarget> = {}): HypervSshTarget {
  return { name: 'hv-test', host: '127.0.0.1', port, username, platform: 'hyperv', transport: 'ssh', ...extra };
}

/** TCP sockets this process holds (client and in-process server sides). */
export function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** Waits (bounded) for every socket opened since `baseline` to close, then asserts it. */
export async function expectSocketsClosed(baseline: number): Promise<void> {
  for (let i = 0; i < 100 && openTcpSockets() > baseline; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(openTcpSockets()).toBe(baseline);
}

/** Waits (bounded) for the simulator to see every client connection closed, then asserts it. */
export async function expectNoOpenConnections(server: { openConnections(): number }): Promise<void> {
  for (let i = 0; i < 100 && server.openConnections() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(server.openConnections()).toBe(0);
}
