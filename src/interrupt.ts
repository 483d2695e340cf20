/**
 * SIGINT/SIGTERM handling: the first signal aborts the returned signal (the scan stops starting hosts, aborts running
 * ones and writes a partial report); a second one calls `onRepeat`, which ends the process at once.
 */
export function interruptOnSignals(stderr: NodeJS.WritableStream, onRepeat: () => void): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (controller.signal.aborted) return onRepeat();
      stderr.write(`hvscan: ${name} received; stopping and writing a partial report (repeat to quit at once)\n`);
      controller.abort();
    });
  }
  return controller.signal;
}
