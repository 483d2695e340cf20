import { EventEmitter } from 'node:events';
import type { HostStatus, StepError } from '../core/report/collected.js';

export type HostStage = 'queued' | 'connecting' | 'collecting' | 'retrying' | 'skipped' | HostStatus;

/** One change of a target's state, for progress output. */
export interface HostEvent {
  target: string;
  stage: HostStage;
  elapsedMs: number;
  /** Hosts found so far (a vCenter yields several) when done. */
  hosts?: number;
  error?: StepError;
}

export class ScanEvents extends EventEmitter<{ host: [HostEvent] }> {}
