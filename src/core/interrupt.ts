/**
 * SIGINT/SIGTERM handling: the first signal aborts the returned signal (the scan stops starting hosts, aborts running
 * ones and writes a partial report); a second one calls `onRepeat`, which ends the process at once.
 */
let describeStop = () => 'stopping and writing a partial report';

/** A command whose interrupt means something else (an idle schedule, the lab) says what it does instead. */
export function sayOnInterrupt(describe: () => string): void {
  describeStop = describe;
}

export function interruptOnSignals(stderr: NodeJS.WritableStream, onRepeat: () => void): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (controller.signal.aborted) return onRepeat();
      stderr.write(`hvscan: ${name} received; ${describeStop()} (repeat to quit at once)\n`);
      controller.abort();
    });
  }
  return controller.signal;
}
