import type { Target } from '../config/schema.js';
import type { HostFacts } from '../model/index.js';

// What a scan hands to the report: the collected hosts of a run. Here, below the scan engine, because the report is
// built from them and the scan engine writes reports (src/scan imports src/report, never the reverse).

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

export interface ScanResult {
  hosts: CollectedHost[];
  /** False when the scan was interrupted before every target was collected. */
  complete: boolean;
  startedAt: Date;
  finishedAt: Date;
}
