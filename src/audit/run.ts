import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'winston';
import { diffReports, newAtOrAbove } from '../diff/index.js';
import { renderDiffText } from '../diff/text.js';
import type { ReportDiff } from '../diff/schema.js';
import type { Severity } from '../model/index.js';
import { writeOutputPath } from '../report/output-target.js';
import { renderCsv } from '../report/csv.js';
import { renderHtml } from '../report/html.js';
import type { ScanReport } from '../report/schema.js';
import { EXIT } from '../errors.js';
import { History, RUN_FILES, type RunEntry } from './history.js';
import { acquireLock } from './lock.js';
import { notifyWebhook, webhookPayload, webhookUrl, type NotifyOutcome, type WebhookOptions } from './notify.js';

export interface AuditOptions {
  historyDir: string;
  keepMs: number;
  /** Exit 3 when the diff has new findings at or above this severity (instead of the scan's --fail-on logic). */
  failOnNew?: Severity;
  /** Runs the scan; must not write outputs of its own. Gets the shutdown signal so it can return a partial report. */
  collect(signal: AbortSignal): Promise<{ report: ScanReport; exitCode: number }>;
  webhook?: WebhookOptions;
  /** A failing webhook changes the exit code only when asked (exit 5). */
  failOnWebhookError?: boolean;
  signal: AbortSignal;
  logger: Logger;
  now?: () => Date;
}

export interface AuditResult {
  exitCode: number;
  runDir: string;
  diff?: ReportDiff;
  pruned: string[];
  notified?: NotifyOutcome;
}

export const EXIT_WEBHOOK_FAILED = 5;

/**
 * One audit: lock the history, scan, write the run's files (JSON, HTML, CSV, diff) and then the index, prune, notify.
 * Every file is written atomically and the index last, so an interrupted audit never leaves a run half-listed.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const now = options.now ?? (() => new Date());
  const history = new History(options.historyDir);
  history.ensure();
  const lock = acquireLock(history.lockPath, now());
  if (lock.tookOverFrom) {
    options.logger.warn(`audit: took over a stale lock of pid ${lock.tookOverFrom.pid} (started ${lock.tookOverFrom.startedAt}), which is no longer running`);
  }
  try {
    const { report, exitCode: scanExit } = await options.collect(options.signal);
    const index = history.readIndex();
    const previous = history.previousReport(index);
    const diff = previous ? diffReports(previous.report, report) : undefined;

    const id = history.runId(report.startedAt);
    const dir = history.runDir(id);
    mkdirSync(dir, { recursive: true });
    await writeOutputPath(join(dir, RUN_FILES.report), 'history', JSON.stringify(report, null, 2) + '\n');
    await writeOutputPath(join(dir, RUN_FILES.html), 'history', renderHtml(report, { diff }));
    await writeOutputPath(join(dir, RUN_FILES.csv), 'history', renderCsv(report));
    if (diff) {
      await writeOutputPath(join(dir, RUN_FILES.diff), 'history', JSON.stringify(diff, null, 2) + '\n');
      await writeOutputPath(join(dir, RUN_FILES.diffText), 'history', renderDiffText(diff));
    }

    let exitCode = scanExit;
    if (options.failOnNew && exitCode !== EXIT.usage) {
      const fresh = diff ? newAtOrAbove(diff, options.failOnNew) : [];
      exitCode = fresh.length > 0 ? EXIT.findings : scanExit === EXIT.hostsFailed ? EXIT.hostsFailed : EXIT.ok;
    }
    const entry: RunEntry = {
      id,
      dir: join('runs', id),
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      complete: report.complete,
      exitCode,
      summary: report.summary,
      changes: diff
        ? { newFindings: diff.findings.new.length, resolvedFindings: diff.findings.resolved.length, drift: diff.hosts.drift.reduce((n, d) => n + d.changes.length, 0) }
        : null,
    };
    const { index: pruned, removed } = history.prune({ ...index, runs: [...index.runs.filter((r) => r.id !== id), entry] }, options.keepMs, now());
    await history.writeIndex(pruned);
    for (const gone of removed) options.logger.info(`audit: pruned run ${gone}`);

    let notified: NotifyOutcome | undefined;
    if (options.webhook) {
      try {
        notified = await notifyWebhook(webhookUrl(options.webhook), webhookPayload(report, diff, dir), options.webhook, options.logger);
      } catch (err) {
        notified = { delivered: false, attempts: 0, error: (err as Error).message };
        options.logger.warn(`audit: webhook not sent: ${(err as Error).message}`);
      }
      if (!notified.delivered && options.failOnWebhookError && exitCode === EXIT.ok) exitCode = EXIT_WEBHOOK_FAILED;
    }
    options.logger.info(`audit: run ${id} written to ${dir}${diff ? `; ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved findings` : ''}`);
    return { exitCode, runDir: dir, diff, pruned: removed, notified };
  } finally {
    lock.release();
  }
}
