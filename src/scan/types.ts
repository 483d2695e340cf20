import type { Logger } from 'winston';
import type { Connector, Credentials } from '../core/connector/types.js';
import type { Target } from '../core/config/schema.js';
import type { Redactor } from '../core/log/redact.js';
import type { CollectedHost } from '../core/report/collected.js';
import type { ScanEvents } from './events.js';
import type { MemoryBudget } from './memory-budget.js';

export interface EngineOptions {
  targets: readonly Target[];
  concurrency: number;
  /** Default per-host budget; a target's timeoutSeconds wins. */
  timeoutSeconds: number;
  retries: number;
  /** First retry waits this long, doubling after each attempt. */
  retryBackoffMs?: number;
  connectorFor: (target: Target) => Promise<Connector>;
  credentialsFor: (target: Target) => Credentials;
  logger: Logger;
  redactor?: Redactor;
  /** SIGINT/SIGTERM: no new hosts start, running ones are aborted. */
  signal?: AbortSignal;
  events?: ScanEvents;
  /** Reply bytes all hosts may hold at once (default src/scan/memory-budget.ts DEFAULT_MEMORY_BUDGET_BYTES). */
  memoryBudget?: MemoryBudget;
  /** Each target's hosts as soon as it is done (a streamed scan judges and parks them here). */
  onHosts?: (hosts: CollectedHost[], target: Target) => void;
}
