import { safeHostText } from './log/host-text.js';
import { redactor } from './log/redact.js';

/** Saves what a running command has (the scan's partial report); returns the paths written. */
export type Rescue = () => Promise<string[]>;

let rescue: Rescue | undefined;
/** A crash that never manages to write gives up after this long: an exit without the report beats a hang. */
const RESCUE_TIMEOUT_MS = 15_000;

/** While a scan runs, a crash writes its partial report through `save`. Returns the function that stops it. */
export function onCrash(save: Rescue): () => void {
  rescue = save;
  return () => {
    if (rescue === save) rescue = undefined;
  };
}

/**
 * The end of the process after an unexpected error (an internal error, an unhandled rejection, an uncaught exception):
 * the message goes out redacted, capped and with control characters escaped; the hosts already judged are written as
 * a partial report (`complete: false`) when a scan is running; the exit code is 1. Runs once.
 */
export function crashHandler(stderr: NodeJS.WritableStream, exit: (code: number) => void): (err: unknown) => void {
  let crashing = false;
  return (err) => {
    if (crashing) return;
    crashing = true;
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    stderr.write(`hvscan: internal error: ${safeHostText(redactor.text(text), 8192)}\n`);
    const save = rescue;
    rescue = undefined;
    const finish = (note: string) => stderr.write(note, () => exit(1));
    if (!save) return finish('');
    const timer = setTimeout(
      () => finish('hvscan: the partial report could not be written in time\n'),
      RESCUE_TIMEOUT_MS,
    );
    save().then(
      (written) => {
        clearTimeout(timer);
        finish(written.length > 0 ? `hvscan: partial report (complete: false) written: ${written.join(', ')}\n` : '');
      },
      (saveErr: unknown) => {
        clearTimeout(timer);
        finish(
          `hvscan: the partial report could not be written: ${safeHostText(redactor.text(String((saveErr as Error)?.message ?? saveErr)))}\n`,
        );
      },
    );
  };
}
