import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCH_COMMAND, loadCollectorScript, stdinPayload } from '../../connectors/hyperv/collector/launch.js';
import { ACTION, body, buildRequest, parseEnvelope, text } from '../../connectors/hyperv/transport/winrm/soap.js';
import { answerCollector } from '../../src/lab/hyperv/collector-responder.js';
import type { WinrmSimulator } from '../../src/lab/hyperv/winrm-server.js';
import { ShellHost } from '../../src/lab/hyperv/winrm-shells.js';
import { collect, decodeFrame, DOCUMENT, startHost, winrmTarget } from './winrm-context.js';

/**
 * WINRS_CONSOLEMODE_STDIN (MS-WSMV 3.1.4.11 Command option): TRUE gives the process a console as stdin, and a console
 * never reports end-of-file, so the bootstrap's [Console]::In.ReadToEnd() waits until the host's timeout. Ansible's
 * winrm connection (lib/ansible/plugins/connection/winrm.py: console_mode_stdin=(stdin_iterator is None)) and
 * masterzen/winrm (PR #127) turn console mode off whenever they pipe stdin; so must we.
 */
const servers: WinrmSimulator[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const TO = 'http://127.0.0.1:5985/wsman';

/** Create → Command (with the given console mode) → Send stdin with End → one Receive, straight into the shell host. */
function launchOnce(consoleModeStdin: 'TRUE' | 'FALSE') {
  const shells = new ShellHost({
    computerName: 'HV-LAB01',
    respond: (run) => answerCollector(run, DOCUMENT),
    timedOutWaitMs: 1,
    maxShellsPerUser: 5,
    chunkBytes: 1 << 20,
  });
  const send = (action: string, payload: string, shellId?: string, options?: Record<string, string>) =>
    parseEnvelope(
      shells.handle(
        buildRequest({ action, to: TO, operationTimeoutSeconds: 20, shellId, options, body: payload }).xml,
        'Administrator',
      ).body,
    );
  const created = send(ACTION.create, body.createShell(), undefined, { WINRS_CODEPAGE: '65001' });
  const shellId = text((created.body.Shell as Record<string, unknown>).ShellId)!;
  const started = send(ACTION.command, body.command(LAUNCH_COMMAND), shellId, {
    WINRS_CONSOLEMODE_STDIN: consoleModeStdin,
    WINRS_SKIP_CMD_SHELL: 'FALSE',
  });
  const commandId = text((started.body.CommandResponse as Record<string, unknown>).CommandId)!;
  send(
    ACTION.send,
    body.send(commandId, Buffer.from(stdinPayload(loadCollectorScript())).toString('base64'), true),
    shellId,
  );
  const receives = Array.from({ length: 5 }, () => send(ACTION.receive, body.receive(commandId), shellId));
  return { shells, receives };
}

describe('WinRM stdin: console mode off for a command that reads stdin', () => {
  it('simulator, like Windows: in console mode, stdin End never reaches the process and Receive only times out', () => {
    const { shells, receives } = launchOnce('TRUE');
    for (const reply of receives) expect(JSON.stringify(reply.body.Fault)).toContain('2150858793');
    expect(shells.log.commandOptions).toEqual([{ WINRS_CONSOLEMODE_STDIN: 'TRUE', WINRS_SKIP_CMD_SHELL: 'FALSE' }]);
  });

  it('simulator: with console mode off, stdin End is end-of-file and the collector answers', () => {
    const { receives } = launchOnce('FALSE');
    const response = receives[0].body.ReceiveResponse as Record<string, unknown>;
    expect(String((response.CommandState as Record<string, unknown>)['@State'])).toMatch(/CommandState\/Done$/);
  });

  it('the client sends the launch with WINRS_CONSOLEMODE_STDIN=FALSE, and the run completes (bounded: 10 s)', async () => {
    const sim = await startHost({ https: false, auth: ['ntlm'], timedOutWaitMs: 10 });
    servers.push(sim);
    const { run } = collect(winrmTarget(sim.port, { https: false, auth: 'ntlm' }), {
      signal: AbortSignal.timeout(10_000),
    });
    const outcome = await run.then(
      (r) => ({ stdout: r.stdout }),
      (err: unknown) => ({ error: err }),
    );
    expect(sim.log.commandOptions).toEqual([{ WINRS_CONSOLEMODE_STDIN: 'FALSE', WINRS_SKIP_CMD_SHELL: 'FALSE' }]);
    expect('stdout' in outcome && decodeFrame(outcome.stdout)).toEqual(DOCUMENT);
  }, 20_000);
});
