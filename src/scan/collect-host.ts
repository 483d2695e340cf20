import type { LimitFunction } from 'p-limit';
import { CollectError, isCollectError } from '../core/connector/errors.js';
import type { Credentials } from '../core/connector/types.js';
import type { Target } from '../core/config/schema.js';
import { safeHostText, escapeControlsInPlace } from '../core/log/host-text.js';
import type { Redactor } from '../core/log/redact.js';
import { HostFacts } from '../core/model/index.js';
import type { CollectedHost, StepError } from '../core/report/collected.js';
import type { ScanEvents } from './events.js';
import type { MemoryBudget } from './memory-budget.js';
import type { EngineOptions } from './types.js';

interface HostRun {
  target: Target;
  options: EngineOptions;
  redactor: Redactor;
  subLimit: LimitFunction;
  memory: MemoryBudget;
  events?: ScanEvents;
  /** Each host of the target as soon as the connector hands it on (checked, its strings made safe), or its failure. */
  onHost: (host: CollectedHost) => void;
}

const STATUS_RANK = { ok: 0, partial: 1, failed: 2 } as const;

/**
 * Collects one target within its time budget, retrying transient failures while no host has been handed on yet.
 * Never throws for the connector: whatever it does (throw, hang, hand on garbage) ends up as host entries with errors
 * that name the step. A target that fails after handing on some hosts keeps them and adds one failed entry for the
 * rest. Only an error of `onHost` itself (the report's spool) ends the scan.
 */
export async function collectTarget(run: HostRun): Promise<void> {
  const { target, options, redactor } = run;
  const started = Date.now();
  const budgetMs = (target.timeoutSeconds ?? options.timeoutSeconds) * 1000;
  const deadline = started + budgetMs;
  const logger = options.logger.child({ host: target.name });
  const emit = (stage: Parameters<typeof progress>[2], extra: object = {}) =>
    progress(run.events, target.name, stage, started, extra);
  const failed = (error: StepError, attempts: number, handedOn = 0): void => {
    const clean = reportable(error, redactor);
    const message = handedOn > 0 ? `stopped after ${handedOn} host(s) of this target: ${clean.message}` : clean.message;
    logger.error(`failed at ${clean.step}: ${message}`);
    emit('failed', { error: clean, hosts: handedOn });
    run.onHost(
      entry(
        target,
        { name: target.name, status: 'failed', errors: [{ step: clean.step, message }], attempts },
        started,
      ),
    );
  };

  let credentials: Credentials;
  try {
    credentials = options.credentialsFor(target);
  } catch (err) {
    return failed(toStepError(err), 0);
  }
  for (const secret of [credentials.password, credentials.privateKey, credentials.passphrase])
    redactor.addSecret(secret);

  emit('connecting');
  logger.info(`connecting to ${target.host}${target.port ? `:${target.port}` : ''} (${target.platform})`);
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) return failed({ step: 'aborted', message: 'scan interrupted' }, attempt - 1);
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0)
      return failed({ step: 'timeout', message: `no result within ${budgetMs / 1000}s` }, attempt - 1);
    // A ref'd timer (AbortSignal.timeout is unref'd): a connector stuck on a promise with no open handle must still
    // reach its timeout and the report, instead of the process exiting early with nothing written.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), remainingMs);
    const memory = run.memory.open(target.name);
    // Stops the connector when the report cannot take its hosts (the spool failed): the scan ends with that error.
    const sinkFailed = new AbortController();
    const signal = AbortSignal.any([
      timeout.signal,
      memory.signal,
      sinkFailed.signal,
      ...(options.signal ? [options.signal] : []),
    ]);
    const delivery = hostDelivery(target, attempt, started, redactor, (host) => run.onHost(host), sinkFailed);
    try {
      const connector = await options.connectorFor(target);
      // Measured after the connector module has loaded: that time is already gone from the budget.
      const timeoutMs = Math.max(0, deadline - Date.now());
      const context = {
        signal,
        logger,
        credentials,
        limit: run.subLimit,
        timeoutMs,
        memory,
        progress: () => emit('collecting'),
        onHost: delivery.take,
      };
      await untilAborted(connector.collect(target, context), signal, budgetMs, options.signal);
      delivery.close();
      if (delivery.count === 0) logger.warn('the connector found no hosts behind this target');
      emit(delivery.worst?.status ?? 'ok', { hosts: delivery.count, error: delivery.worst?.error });
      logger.info(`collected ${delivery.count} host(s) in ${Date.now() - started} ms`);
      return;
    } catch (err) {
      delivery.close();
      if (delivery.sinkError !== undefined) throw delivery.sinkError;
      // Once our signal fired, whatever the connector threw while unwinding is a consequence, not the cause.
      const error = signal.aborted ? toStepError(stopReason(signal, budgetMs, options.signal)) : toStepError(err);
      // A retry would hand on the hosts already in the report a second time.
      const retryable =
        isCollectError(err) && err.transient && attempt <= options.retries && !signal.aborted && delivery.count === 0;
      if (!retryable) return failed(error, attempt, delivery.count);
      const waitMs = Math.min(
        (options.retryBackoffMs ?? 1000) * 2 ** (attempt - 1),
        Math.max(0, deadline - Date.now()),
      );
      const clean = reportable(error, redactor);
      logger.info(`transient failure at ${clean.step} (${clean.message}); retry ${attempt} in ${waitMs} ms`);
      emit('retrying', { error: clean });
      await sleep(waitMs, options.signal);
    } finally {
      clearTimeout(timer);
      memory.close();
    }
  }
}

/**
 * The `onHost` a connector gets for one attempt: each candidate checked and handed on at once, counted, the worst
 * status kept for the progress line. After the attempt it hears nothing more (a connector that ignores its abort).
 */
function hostDelivery(
  target: Target,
  attempt: number,
  started: number,
  redactor: Redactor,
  sink: (host: CollectedHost) => void,
  sinkFailed: AbortController,
) {
  const state = {
    count: 0,
    worst: undefined as { status: CollectedHost['status']; error?: StepError } | undefined,
    sinkError: undefined as unknown,
    open: true,
    take: (candidate: unknown): void => {
      if (!state.open || state.sinkError !== undefined) return;
      const host = toHost(target, candidate, state.count, attempt, started, redactor);
      state.count++;
      if (!state.worst || STATUS_RANK[host.status] > STATUS_RANK[state.worst.status])
        state.worst = { status: host.status, error: host.errors[0] };
      try {
        sink(host);
      } catch (err) {
        state.sinkError = err;
        sinkFailed.abort(err);
      }
    },
    close: (): void => void (state.open = false),
  };
  return state;
}

/**
 * Resolves with the connector's answer, or rejects as soon as the host's signal fires even if the connector hangs.
 * The connector's own outcome is always handled, also when the signal fired first (else its later rejection would be
 * unhandled and end the process).
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  budgetMs: number,
  scanSignal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopReason(signal, budgetMs, scanSignal));
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One handed-on host as a report entry: facts that fail the host model make a failed entry named as well as can be. */
function toHost(
  target: Target,
  candidate: unknown,
  index: number,
  attempts: number,
  started: number,
  redactor: Redactor,
): CollectedHost {
  const parsed = HostFacts.safeParse(candidate);
  if (!parsed.success) {
    const name = guessName(candidate) ?? (index > 0 ? `${target.name}#${index}` : target.name);
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const error = reportable(
      { step: 'parse', message: `facts do not match the host model: ${where.join('; ')}` },
      redactor,
    );
    return entry(target, { name, status: 'failed', errors: [error], attempts }, started);
  }
  // Every string a host sent is kept, with its control characters made harmless for terminals, logs and reports.
  const facts = escapeControlsInPlace(parsed.data);
  for (const e of facts.collection.errors) e.message = reportable(e, redactor).message;
  const errors = facts.collection.errors.map((e) => ({
    step: e.section ? `${e.step}:${e.section}` : e.step,
    message: e.message,
  }));
  const status = errors.length === 0 ? 'ok' : 'partial';
  return entry(target, { name: facts.identity.name, status, facts, errors, attempts }, started);
}

function entry(
  target: Target,
  fields: Pick<CollectedHost, 'name' | 'status' | 'errors' | 'attempts'> & { facts?: HostFacts },
  started: number,
): CollectedHost {
  return {
    ...fields,
    target: target.name,
    platform: fields.facts?.platform ?? target.platform,
    insecure: ('tls' in target && target.tls?.insecure === true) || false,
    durationMs: Date.now() - started,
  };
}

/** Why the host's signal fired: the error it carries (the memory budget), the interrupt, or the host's timeout. */
function stopReason(signal: AbortSignal, budgetMs: number, scanSignal?: AbortSignal): CollectError {
  if (isCollectError(signal.reason)) return signal.reason;
  const reason = abortReason(budgetMs, scanSignal);
  return new CollectError(reason.step as 'aborted' | 'timeout', reason.message);
}

function abortReason(budgetMs: number, scanSignal?: AbortSignal): StepError {
  return scanSignal?.aborted
    ? { step: 'aborted', message: 'scan interrupted' }
    : { step: 'timeout', message: `no result within ${budgetMs / 1000}s (per-host timeout)` };
}

function guessName(candidate: unknown): string | undefined {
  const name = (candidate as { identity?: { name?: unknown } } | null)?.identity?.name;
  return typeof name === 'string' && name !== '' ? safeHostText(name, 255) : undefined;
}

/** An error as it may leave the process: secrets removed first, then host text capped and its control characters escaped. */
function reportable(error: StepError, redactor: Redactor): StepError {
  return { step: safeHostText(error.step, 64), message: safeHostText(redactor.text(error.message)) };
}

function toStepError(err: unknown): StepError {
  if (isCollectError(err)) return { step: err.step, message: err.message };
  return {
    step: 'collect',
    message: `unexpected connector error: ${err instanceof Error ? err.message : String(err)}`,
  };
}

function progress(
  events: ScanEvents | undefined,
  target: string,
  stage: 'connecting' | 'collecting' | 'retrying' | 'ok' | 'partial' | 'failed',
  started: number,
  extra: object,
): void {
  events?.emit('host', { target, stage, elapsedMs: Date.now() - started, ...extra });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
