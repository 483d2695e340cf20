import { runCli } from './cli.js';
import { interruptOnSignals } from './interrupt.js';
import { redactor } from './log/redact.js';

// The only place that exits.
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
  signal: interruptOnSignals(process.stderr, () => process.exit(130)),
  env: process.env,
}).then(
  // Exit once stdout has taken everything written to it (large schema output into a pipe).
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`hvscan: internal error: ${redactor.text(text)}\n`, () => process.exit(1));
  },
);
