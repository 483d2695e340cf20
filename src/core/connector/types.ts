import type { Logger } from 'winston';
import type { HostFacts } from '../model/index.js';
import type { Target } from '../config/schema.js';

/** Secrets resolved by the engine from env vars or files; never logged, never written. */
export interface Credentials {
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  /** ssh-agent socket path when the target asks for the agent. */
  agentSocket?: string;
}

/** The scan-wide memory budget as a connector sees it: bytes it buffers from the host, and bytes it let go of. */
export interface MemoryCharge {
  charge(bytes: number): void;
  release(bytes: number): void;
}

export interface CollectContext {
  /** Fires on the per-host timeout or on SIGINT; connectors pass it down to sockets. */
  signal: AbortSignal;
  logger: Logger;
  credentials: Credentials;
  /** Runs work under the scan's concurrency limit (vCenter per-host manager calls). */
  limit: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Milliseconds left before the host times out. */
  timeoutMs: number;
  /** Charge reply bytes held in memory here (src/scan/memory-budget.ts); the signal aborts if the scan's budget stops the host. */
  memory?: MemoryCharge;
  /** Tells the engine the connector is past connect and authentication and now collects (for progress output). */
  progress?: (stage: 'collecting') => void;
}

/**
 * A connector collects facts and nothing else. A standalone host yields one HostFacts; a vCenter yields one per host.
 * Unreadable facts are recorded as unknown with a reason; a host that cannot be reached at all throws a CollectError.
 */
export interface Connector<T extends Target = Target> {
  readonly id: string;
  collect(target: T, context: CollectContext): Promise<HostFacts[]>;
}
