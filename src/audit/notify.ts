import { readBoundedFileSync } from '../core/config/bounded-file.js';
import axios from 'axios';
import type { Logger } from 'winston';
import type { ReportDiff } from '../core/report/diff-schema.js';
import type { ScanReport } from '../core/report/schema.js';

export interface WebhookOptions {
  /** Environment variable that holds the URL (URLs often embed tokens, so they are treated as secrets). */
  urlEnv?: string;
  urlFile?: string;
  timeoutSeconds?: number;
  retries?: number;
}

export interface NotifyOutcome {
  delivered: boolean;
  attempts: number;
  error?: string;
}

export function webhookUrl(options: WebhookOptions, env: NodeJS.ProcessEnv = process.env): string {
  const url = options.urlEnv
    ? env[options.urlEnv]
    : options.urlFile
      ? readBoundedFileSync(options.urlFile).trim()
      : undefined;
  if (!url)
    throw new Error(
      options.urlEnv
        ? `notify.webhook.urlEnv: environment variable ${options.urlEnv} is not set`
        : 'notify.webhook: no URL source',
    );
  return url;
}

/** The POSTed body: the run summary and the findings that are new since the previous run. */
export function webhookPayload(report: ScanReport, diff: ReportDiff | undefined, runDir: string) {
  return {
    tool: report.tool,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    complete: report.complete,
    summary: report.summary,
    run: runDir,
    newFindings: diff?.findings.new ?? [],
    resolvedFindings: diff?.findings.resolved.length ?? 0,
    drift: diff?.hosts.drift.map((d) => ({ host: d.host, changes: d.changes.map((c) => c.summary) })) ?? [],
  };
}

/**
 * POSTs the payload with a timeout and retries with backoff. Never throws: a failing webhook is logged and reported
 * back, and never blocks writing results.
 */
export async function notifyWebhook(
  url: string,
  payload: unknown,
  options: WebhookOptions,
  logger: Logger,
): Promise<NotifyOutcome> {
  const retries = options.retries ?? 2;
  const timeout = (options.timeoutSeconds ?? 10) * 1000;
  let lastError = '';
  let attempt = 0;
  while (attempt <= retries) {
    attempt++;
    try {
      await axios.post(url, payload, { timeout, headers: { 'content-type': 'application/json' }, maxRedirects: 0 });
      return { delivered: true, attempts: attempt };
    } catch (err) {
      const status = axios.isAxiosError(err) ? err.response?.status : undefined;
      lastError = status ? `HTTP ${status}` : (err as Error).message;
      // The URL may carry a token: log only its origin.
      logger.warn(`webhook ${safeOrigin(url)}: attempt ${attempt} failed: ${lastError}`);
      // A client error other than rate limiting will not change on retry.
      if (status && status >= 400 && status < 500 && status !== 429) break;
      if (attempt <= retries) await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
    }
  }
  return { delivered: false, attempts: attempt, error: lastError };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}
