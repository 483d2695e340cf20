import type { HostEvent, ScanEvents } from './events.js';

const LABEL: Record<HostEvent['stage'], string> = {
  queued: 'queued',
  connecting: 'connecting',
  collecting: 'collecting',
  retrying: 'retrying',
  skipped: 'skipped',
  ok: 'done',
  partial: 'done (partial)',
  failed: 'failed',
};

const COLOR: Partial<Record<HostEvent['stage'], string>> = { ok: '\u001b[32m', partial: '\u001b[33m', failed: '\u001b[31m' };

/**
 * Per-host progress for an interactive terminal: one aligned line per state change with the elapsed time.
 * Without a TTY the engine's own log lines (info level) say the same in a parseable form.
 */
export function attachProgress(events: ScanEvents, stream: NodeJS.WritableStream): void {
  let width = 0;
  events.on('host', (event) => {
    width = Math.max(width, event.target.length);
    if (event.stage === 'queued') return;
    const seconds = `${(event.elapsedMs / 1000).toFixed(1)}s`;
    const detail = event.error ? `${event.error.step}: ${event.error.message}` : event.hosts !== undefined ? `${event.hosts} host(s)` : '';
    const color = COLOR[event.stage] ?? '';
    const label = `${color}${LABEL[event.stage].padEnd(14)}${color ? '\u001b[0m' : ''}`;
    stream.write(`${`  ${event.target.padEnd(width)}  ${label} ${seconds.padStart(7)}  ${detail}`.trimEnd()}\n`);
  });
}
