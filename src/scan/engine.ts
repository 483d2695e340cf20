import pLimit from 'p-limit';
import type { Target } from '../core/config/schema.js';
import { redactor as defaultRedactor } from '../core/log/redact.js';
import type { CollectedHost, ScanResult } from '../core/report/collected.js';
import { collectTarget } from './collect-host.js';
import { MemoryBudget } from './memory-budget.js';
import type { EngineOptions } from './types.js';

/**
 * Collects every target with bounded concurrency. Each target is isolated (see collectTarget); each host goes to
 * `onHost` as soon as its connector hands it on. An interrupt stops starting targets, aborts running ones, and still
 * returns an entry for every target so the report stays whole.
 */
export async function runScan(options: EngineOptions): Promise<ScanResult> {
  const startedAt = new Date();
  const limit = pLimit(options.concurrency);
  // Sub-work a connector runs for one target (vCenter per-host calls) gets its own pool so it cannot deadlock the
  // pool the target itself holds a slot in.
  const subLimit = pLimit(options.concurrency);
  const redactor = options.redactor ?? defaultRedactor;
  const memory = options.memoryBudget ?? new MemoryBudget();
  for (const target of options.targets)
    options.events?.emit('host', { target: target.name, stage: 'queued', elapsedMs: 0 });

  const perTarget = await Promise.all(
    options.targets.map((target) =>
      limit(async (): Promise<CollectedHost[]> => {
        const hosts: CollectedHost[] = [];
        const onHost = (host: CollectedHost) => {
          hosts.push(host);
          options.onHost?.(host, target);
        };
        if (options.signal?.aborted) {
          options.events?.emit('host', { target: target.name, stage: 'skipped', elapsedMs: 0 });
          onHost(unfinishedHost(target, 'scan interrupted before this target was started'));
        } else {
          await collectTarget({ target, options, redactor, subLimit, memory, events: options.events, onHost });
        }
        options.onTargetDone?.(target);
        return hosts;
      }),
    ),
  );
  const hosts = perTarget.flat();
  return {
    hosts,
    complete: !hosts.some((host) => host.errors.some((error) => error.step === 'aborted')),
    startedAt,
    finishedAt: new Date(),
  };
}

/** The entry of a target the scan did not finish (interrupted, or stopped by a crash): failed at step `aborted`. */
export function unfinishedHost(target: Target, message: string): CollectedHost {
  return {
    name: target.name,
    target: target.name,
    platform: target.platform,
    status: 'failed',
    errors: [{ step: 'aborted', message }],
    insecure: 'tls' in target && target.tls?.insecure === true,
    durationMs: 0,
    attempts: 0,
  };
}
