import { Writable } from 'node:stream';
import type { HostEvent, ScanEvents } from './events.js';

const DONE: ReadonlySet<HostEvent['stage']> = new Set(['ok', 'partial', 'failed', 'skipped']);
const CLEAR_LINE = '\r\u001b[2K';

export interface Progress {
  /** Writes here (log lines) appear above the counter line instead of tearing it. */
  above: NodeJS.WritableStream;
  /** Clears the counter line and stops the clock; the terminal is left as it was before. */
  stop(): void;
}

/**
 * Progress for an interactive terminal: one line, rewritten in place, with targets done out of all, how many are
 * running and failed, and the elapsed time. Without a TTY the engine's own log lines (info level) say the same in a
 * parseable form.
 */
export function attachProgress(
  events: ScanEvents,
  stream: NodeJS.WritableStream,
  options: { color?: boolean } = {},
): Progress {
  const started = Date.now();
  const stages = new Map<string, HostEvent['stage']>();
  let shown = false;
  let stopped = false;

  const line = () => {
    const all = stages.size;
    const states = [...stages.values()];
    const done = states.filter((s) => DONE.has(s)).length;
    const running = states.filter((s) => s === 'connecting' || s === 'collecting' || s === 'retrying').length;
    const failed = states.filter((s) => s === 'failed').length;
    const failedText =
      failed > 0 ? `, ${options.color ? `\u001b[31m${failed} failed\u001b[0m` : `${failed} failed`}` : '';
    return `scanning ${done}/${all} targets done, ${running} running${failedText}  ${elapsed(Date.now() - started)}`;
  };
  const draw = () => {
    if (stopped) return;
    stream.write(`${CLEAR_LINE}${line()}`);
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write(CLEAR_LINE);
    shown = false;
  };

  events.on('host', (event) => {
    stages.set(event.target, event.stage);
    if (event.stage !== 'queued') draw();
  });
  // The clock moves even while every host is waiting on the network.
  const tick = setInterval(draw, 1000);
  tick.unref();

  const above = new Writable({
    write(chunk, _encoding, callback) {
      const wasShown = shown;
      clear();
      stream.write(chunk);
      if (wasShown) draw();
      callback();
    },
  });
  return {
    above,
    stop() {
      clearInterval(tick);
      clear();
      stopped = true;
    },
  };
}

/** 0:07, 1:05, 1:02:03. */
export function elapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const mmss = `${h > 0 ? String(m).padStart(2, '0') : m}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
