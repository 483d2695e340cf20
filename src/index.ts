import { runCli } from './cli.js';
import { redactor } from './log/redact.js';

// The only place that exits. The first SIGINT/SIGTERM asks the scan to stop and write a partial report;
// a second one ends the process at once.
const interrupt = new AbortController();
let signals = 0;
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write(`hvscan: ${name} received; stopping, writing a partial report (again to quit at once)\n`);
    interrupt.abort();
  });
}

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
  signal: interrupt.signal,
  env: process.env,
}).then(
  // Exit once stdout has taken everything written to it (large schema output into a pipe).
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`hvscan: internal error: ${redactor.text(text)}\n`, () => process.exit(1));
  },
);
