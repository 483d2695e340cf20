import type { Logger } from 'winston';
import type { Connector, Credentials } from '../../connectors/types.js';
import type { Target } from '../config/schema.js';
import type { Redactor } from '../log/redact.js';
import type { HostFacts } from '../model/index.js';
import type { ScanEvents } from './events.js';
import type { MemoryBudget } from './memory-budget.js';

/** A step that failed, as the report shows it. */
export interface StepError {
  step: string;
  message: string;
}

export type HostStatus = 'ok' | 'partial' | 'failed';

/** What collection produced for one host (a vCenter target produces several). */
export interface CollectedHost {
  /** Host name: the facts' identity name, or the target name when no facts were read. */
  name: string;
  /** Config target the host was reached through. */
  target: string;
  platform: Target['platform'] | HostFacts['platform'];
  status: HostStatus;
  facts?: HostFacts;
  errors: StepError[];
  /** The target's TLS verification was switched off in the config (tls.insecure: true). */
  insecure: boolean;
  durationMs: number;
  attempts: number;
}

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

export interface ScanResult {
  hosts: CollectedHost[];
  /** False when the scan was interrupted before every target was collected. */
  complete: boolean;
  startedAt: Date;
  finishedAt: Date;
}
