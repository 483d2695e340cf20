import type { CollectorReply, CollectorRun } from './collector-responder.js';

/**
 * Answers pywinrm's `run_ps` (a `powershell -encodedcommand <UTF-16LE base64>` command line) when the script is a
 * single `Write-Output '<literal>'`: the deterministic output the fidelity check expects. Anything else is not ours
 * (undefined), so the hvscan launch still has to match LAUNCH_COMMAND exactly.
 */
export function answerRunPsEcho(run: CollectorRun): CollectorReply | undefined {
  const m = /^powershell(?:\.exe)? -encodedcommand ([A-Za-z0-9+/=]+)$/i.exec(run.command.trim());
  if (!m) return undefined;
  const script = Buffer.from(m[1], 'base64').toString('utf16le');
  const literal = /^\s*Write-Output\s+'([^']*)'\s*$/.exec(script);
  if (!literal) return undefined;
  return { stdout: literal[1] + '\r\n', stderr: '', exitCode: 0 };
}
