import { frameDocument, LAUNCH_COMMAND } from '../../../connectors/hyperv/collector/wire.js';

/** What a simulated host received: the command line and everything written to stdin before end-of-input. */
export interface CollectorRun {
  command: string;
  stdin: string;
}

export interface CollectorReply {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A line the real collector script contains; a simulated host only answers when it was sent the collector. */
export const COLLECTOR_MARKER = '# hvscan-collector';

/**
 * Plays powershell.exe for the Hyper-V simulators (SSH and WinRM): checks that it was launched exactly as the connector
 * launches it, decodes the script from stdin, and answers with the host's collector document in the output frame.
 * Anything else gets what Windows would print for a bad command, so transport tests see a real failure.
 */
export function answerCollector(run: CollectorRun, document: unknown): CollectorReply {
  if (run.command.trim() !== LAUNCH_COMMAND) {
    return {
      stdout: '',
      stderr: `'${run.command.split(' ')[0]}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`,
      exitCode: 1,
    };
  }
  if (!carriesCollector(run.stdin)) {
    return {
      stdout: '',
      stderr:
        '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">hvscan simulator: stdin did not carry the collector script_x000D__x000A_</S></Objs>',
      exitCode: 1,
    };
  }
  return { stdout: frameDocument(JSON.stringify(document)) + '\r\n', stderr: '', exitCode: 0 };
}

/** The last stdin found to carry the collector: a lab's hosts are all sent the same payload, decoded once. */
let collectorStdin: string | undefined;

function carriesCollector(stdin: string): boolean {
  if (stdin === collectorStdin) return true;
  let script: string;
  try {
    script = Buffer.from(stdin.trim(), 'base64').toString('utf8');
  } catch {
    script = '';
  }
  if (!script.includes(COLLECTOR_MARKER)) return false;
  collectorStdin = stdin;
  return true;
}
