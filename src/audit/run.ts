import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'winston';
import { diffReports, newAtOrAbove } from '../diff/index.js';
import { renderDiffText } from '../diff/text.js';
import type { ReportDiff } from '../core/report/diff-schema.js';
import type { Severity } from '../core/model/index.js';
import { writeOutputPath } from '../report/output-target.js';
import { csvChunks } from '../report/csv.js';
import { hostSource, type HostSource } from '../report/host-source.js';
import { htmlChunks } from '../report/html.js';
import { jsonChunks } from '../report/json.js';
import type { ScanReport } from '../core/report/schema.js';
import { EXIT } from '../core/errors.js';
import { History, RUN_FILES, type HistoryIndex, type RunEntry } from './history.js';
import { acquireLock } from './lock.js';
import { notifyWebhook, webhookPayload, webhookUrl, type NotifyOutcome, type WebhookOptions } from './notify.js';

export interface AuditOptions {
  historyDir: string;
  keepMs: number;
  /** Exit 3 when the diff has new findings at or above this severity (instead of the scan's --fail-on logic). */
  failOnNew?: Severity;
  /**
   * Runs the scan; must not write outputs of its own. Gets the shutdown signal so it can return a partial report, and
   * `withHosts`, which writes the run from the judged hosts one at a time (a scan that spools them calls it before the
   * spool is removed; when it is not called, the run is written from the returned report's hosts).
   */
  collect(
    signal: AbortSignal,
    withHosts: (report: ScanReport, hosts: HostSource) => Promise<void>,
  ): Promise<{ report: ScanReport; exitCode: number }>;
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

interface WrittenRun {
  id: string;
  dir: string;
  diff?: ReportDiff;
}

/**
 * The run's files, each written atomically from the hosts one at a time (the JSON, the HTML and the CSV each read them
 * again; the diff reads them once, then the previous run's report host by host from its file, each paired with this
 * run's host of its name read back from the spool, and keeps only open findings and names).
 */
async function writeRun(
  history: History,
  index: HistoryIndex,
  report: ScanReport,
  hosts: HostSource,
): Promise<WrittenRun> {
  const previous = history.previousReport(index);
  const diff = previous
    ? diffReports(
        { ...previous.report.frame, hosts: previous.report.hosts() },
        { ...report, hosts: hosts.entries(), hostNamed: hosts.entryNamed },
      )
    : undefined;
  const id = history.runId(report.startedAt);
  const dir = history.runDir(id);
  mkdirSync(dir, { recursive: true });
  await writeOutputPath(join(dir, RUN_FILES.report), 'history', jsonChunks(report, hosts));
  await writeOutputPath(join(dir, RUN_FILES.html), 'history', htmlChunks(report, hosts, { diff }));
  await writeOutputPath(join(dir, RUN_FILES.csv), 'history', csvChunks(report, hosts));
  if (diff) {
    await writeOutputPath(join(dir, RUN_FILES.diff), 'history', JSON.stringify(diff, null, 2) + '\n');
    await writeOutputPath(join(dir, RUN_FILES.diffText), 'history', renderDiffText(diff));
  }
  return { id, dir, diff };
}

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
    options.logger.warn(
      `audit: took over a stale lock of pid ${lock.tookOverFrom.pid} (started ${lock.tookOverFrom.startedAt}), which is no longer running`,
    );
  }
  try {
    const index = history.readIndex();
    let written: WrittenRun | undefined;
    const { report, exitCode: scanExit } = await options.collect(options.signal, async (judged, hosts) => {
      written = await writeRun(history, index, judged, hosts);
    });
    const { id, dir, diff } = written ?? (await writeRun(history, index, report, hostSource(report)));

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
        ? {
            newFindings: diff.findings.new.length,
            resolvedFindings: diff.findings.resolved.length,
            drift: diff.hosts.drift.reduce((n, d) => n + d.changes.length, 0),
          }
        : null,
    };
    const { index: pruned, removed } = history.prune(
      { ...index, runs: [...index.runs.filter((r) => r.id !== id), entry] },
      options.keepMs,
      now(),
    );
    await history.writeIndex(pruned);
    for (const gone of removed) options.logger.info(`audit: pruned run ${gone}`);

    let notified: NotifyOutcome | undefined;
    if (options.webhook) {
      try {
        notified = await notifyWebhook(
          webhookUrl(options.webhook),
          webhookPayload(report, diff, dir),
          options.webhook,
          options.logger,
        );
      } catch (err) {
        notified = { delivered: false, attempts: 0, error: (err as Error).message };
        options.logger.warn(`audit: webhook not sent: ${(err as Error).message}`);
      }
      if (!notified.delivered && options.failOnWebhookError && exitCode === EXIT.ok) exitCode = EXIT_WEBHOOK_FAILED;
    }
    options.logger.info(
      `audit: run ${id} written to ${dir}${diff ? `; ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved findings` : ''}`,
    );
    return { exitCode, runDir: dir, diff, pruned: removed, notified };
  } finally {
    lock.release();
  }
}
