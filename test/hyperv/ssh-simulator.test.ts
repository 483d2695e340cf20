import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { FRAME_START, frameDocument, LAUNCH_COMMAND, stdinPayload } from '../../connectors/hyperv/collector/launch.js';
import { runOverSsh } from '../../connectors/hyperv/transport/ssh/ssh.js';
import { COLLECTOR_MARKER } from '../../src/lab/hyperv/collector-responder.js';
import {
  collectorResponder,
  generateHostKey,
  startSshSimulator,
  type CollectorResponder,
  type SshSimulator,
} from '../../src/lab/hyperv/ssh-server.js';
import { expectNoOpenConnections, expectSocketsClosed, openTcpSockets, sshContext, sshTarget } from './ssh-context.js';

/** The SSH transport against hvscan's ssh2 simulator: auth variants and every hostile-host case of issue 4 §6. */
describe('SSH transport against the Hyper-V SSH simulator', { timeout: 30_000 }, () => {
  const document = { schemaVersion: 1, os: { caption: 'Microsoft Windows Server 2019 Standard' } };
  const script = `${COLLECTOR_MARKER}\nWrite-Output 1\n`;
  const password = 'Pa55-w0rd!';
  const started: SshSimulator[] = [];
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hvscan-ssh-sim-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function simulator(
    respond: CollectorResponder = collectorResponder(document),
    extra: { hostKey?: string; authorizedKeys?: string[]; latencyMs?: number } = {},
  ) {
    const sim = await startSshSimulator({ username: 'Administrator', password, respond, ...extra });
    started.push(sim);
    return sim;
  }
  const collect = (
    sim: SshSimulator,
    credentials = { username: 'Administrator', password },
    ctxOptions = {},
    options = {},
  ) =>
    runOverSsh(
      sshTarget(sim.port, credentials.username, { ssh: { hostKeyFingerprint: sim.hostKeyFingerprint } }),
      sshContext(credentials, ctxOptions),
      LAUNCH_COMMAND,
      stdinPayload(script),
      options,
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail('expected a CollectError'),
      (e: unknown) => e as CollectError,
    );

  it('authenticates with a password and returns the framed document; the connection is closed afterwards', async () => {
    const sim = await simulator(collectorResponder(document), { latencyMs: 20 });
    const baseline = openTcpSockets();
    const result = await collect(sim);
    expect(result).toMatchObject({ exitCode: 0, stderr: '', protocol: 'ssh', serverTrust: 'host-key-pinned' });
    expect(result.stdout.trim()).toBe(frameDocument(JSON.stringify(document)));
    await expectSocketsClosed(baseline);
    await expectNoOpenConnections(sim);
  });

  it('authenticates with a public key the host authorizes', async () => {
    const client = generateHostKey();
    const sim = await simulator(collectorResponder(document), { authorizedKeys: [client.publicKey] });
    const result = await collect(sim, { username: 'Administrator', privateKey: client.privateKey } as never);
    expect(result.exitCode).toBe(0);
  });

  it('reports a wrong password as an authentication failure without echoing it', async () => {
    const sim = await simulator();
    const baseline = openTcpSockets();
    const err = await failure(collect(sim, { username: 'Administrator', password: 'not-the-password' }));
    expect(err).toMatchObject({ step: 'auth', code: 'AUTH_FAILED' });
    expect(err.message).toContain('hv-test');
    expect(err.message).not.toContain('not-the-password');
    await expectSocketsClosed(baseline);
  });

  it('refuses a changed host key even with trust-on-first-use, naming the host and both fingerprints', async () => {
    const original = await simulator();
    const reinstalled = await simulator(collectorResponder(document), { hostKey: generateHostKey().privateKey });
    const file = join(dir, 'known_hosts_changed');
    const recorded = `[127.0.0.1]:${reinstalled.port} ${original.hostPublicKey}\n`;
    writeFileSync(file, recorded);
    const target = sshTarget(reinstalled.port, 'Administrator', {
      ssh: { knownHostsFile: file, trustOnFirstUse: true },
    });
    const err = await failure(
      runOverSsh(target, sshContext({ username: 'Administrator', password }), LAUNCH_COMMAND, stdinPayload(script)),
    );
    expect(err).toMatchObject({ step: 'connect', code: 'HOST_KEY_MISMATCH' });
    expect(err.message).toContain(`[127.0.0.1]:${reinstalled.port}`);
    expect(err.message).toContain(reinstalled.hostKeyFingerprint);
    expect(err.message).toContain(original.hostKeyFingerprint);
    expect(readFileSync(file, 'utf8')).toBe(recorded);
    await expectNoOpenConnections(reinstalled);
  });

  it('returns garbage, a missing frame or truncated base64 unchanged for the parser to judge (exit 0)', async () => {
    for (const stdout of [
      '\u0000\u00ff garbage \x1b[31m',
      'Windows PowerShell\r\nCopyright\r\n',
      `${FRAME_START}eyJzY2hlbWFWZXJz`,
    ]) {
      const sim = await simulator(() => ({ stdout, stderr: '', exitCode: 0 }));
      const result = await collect(sim);
      expect(result.stdout).toBe(stdout);
    }
  });

  it('turns a failed launch (non-zero exit, no frame) into a collect error with the decoded CLIXML stderr', async () => {
    const clixml =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Access is denied &lt;HKLM&gt;_x000D__x000A_</S></Objs>';
    const sim = await simulator(() => ({ stdout: 'noise', stderr: clixml, exitCode: 5 }));
    const err = await failure(collect(sim));
    expect(err).toMatchObject({ step: 'collect', code: 'EXIT_STATUS' });
    expect(err.message).toContain('exited with status 5: Access is denied <HKLM>');
  });

  it('a simulator responder that throws answers like a failed process, not a crashed server', async () => {
    const sim = await simulator(() => {
      throw new Error('profile missing');
    });
    const err = await failure(collect(sim));
    expect(err).toMatchObject({ step: 'collect', code: 'EXIT_STATUS' });
    expect(err.message).toContain('responder failed: profile missing');
  });

  it('keeps the frame when the collector exits non-zero after printing it, with stderr decoded', async () => {
    const stderr =
      '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">late warning_x000D__x000A_</S></Objs>';
    const sim = await simulator(() => ({ stdout: frameDocument('{}'), stderr, exitCode: 1 }));
    const result = await collect(sim);
    expect(result).toMatchObject({ exitCode: 1, stderr: 'late warning' });
  });

  it('caps a 50 MB reply: parse error "output exceeded", connection dropped', async () => {
    const fifty = 'A'.repeat(50 * 1024 * 1024);
    const sim = await simulator(() => ({ stdout: fifty, stderr: '', exitCode: 0 }));
    const baseline = openTcpSockets();
    const err = await failure(collect(sim));
    expect(err).toMatchObject({ step: 'parse', code: 'OUTPUT_LIMIT' });
    expect(err.message).toContain('output exceeded 33554432 bytes');
    await expectSocketsClosed(baseline);
    await expectNoOpenConnections(sim);
  });

  it('applies a configured output cap to stdout and stderr together', async () => {
    const sim = await simulator(() => ({ stdout: 'x'.repeat(600), stderr: 'y'.repeat(600), exitCode: 0 }));
    const err = await failure(collect(sim, undefined, {}, { maxOutputBytes: 1000 }));
    expect(err).toMatchObject({ step: 'parse', code: 'OUTPUT_LIMIT' });
    const fits = await collect(sim, undefined, {}, { maxOutputBytes: 1200 });
    expect(fits.stdout).toHaveLength(600);
  });

  it('times out on a server that accepts TCP and never answers, and closes the socket', async () => {
    const held: Socket[] = [];
    // Reads (and ignores) what the client sends, never writes a byte back: not even the SSH identification line.
    const silent: Server = createServer((s) => held.push(s.resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const baseline = openTcpSockets();
      const target = sshTarget(port, 'Administrator', { ssh: { hostKeyFingerprint: 'SHA256:' + 'A'.repeat(43) } });
      const err = await failure(
        runOverSsh(
          target,
          sshContext({ username: 'Administrator', password }, { signal: AbortSignal.timeout(300) }),
          LAUNCH_COMMAND,
          stdinPayload(script),
        ),
      );
      expect(err).toMatchObject({ step: 'timeout', transient: true });
      expect(err.message).toContain('timed out during connect');
      // The silent server never closes its side, so both sockets close only if the client closed the connection.
      expect(held).toHaveLength(1);
      await expectSocketsClosed(baseline);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('aborts a command that never exits and leaves no connection behind', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const sim = await simulator(() => {
      started();
      return new Promise(() => {});
    });
    const controller = new AbortController();
    const baseline = openTcpSockets();
    const pending = failure(collect(sim, undefined, { signal: controller.signal }));
    await running;
    controller.abort();
    const err = await pending;
    expect(err).toMatchObject({ step: 'aborted' });
    expect(err.message).toContain('aborted during collect');
    await expectSocketsClosed(baseline);
    await expectNoOpenConnections(sim);
  });

  it('reports a refused connection at the connect step', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const target = sshTarget(port, 'Administrator', { ssh: { hostKeyFingerprint: 'SHA256:' + 'A'.repeat(43) } });
    const err = await failure(
      runOverSsh(target, sshContext({ username: 'Administrator', password }), LAUNCH_COMMAND, stdinPayload(script)),
    );
    expect(err).toMatchObject({ step: 'connect', code: 'ECONNREFUSED' });
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('refuses to start without credentials or without a place to record a first-use key', async () => {
    const sim = await simulator();
    const none = await failure(collect(sim, { username: 'Administrator' } as never));
    expect(none).toMatchObject({ step: 'auth' });
    const tofu = sshTarget(sim.port, 'Administrator', { ssh: { trustOnFirstUse: true } });
    const err = await failure(
      runOverSsh(tofu, sshContext({ username: 'Administrator', password }), LAUNCH_COMMAND, stdinPayload(script)),
    );
    expect(err).toMatchObject({ step: 'config' });
    expect(err.message).toContain('ssh.knownHostsFile');
  });

  it('uses a launch line that cmd.exe, PowerShell and POSIX shells pass through unchanged', () => {
    // No quoting, variables, redirection, escapes or separators for any default shell OpenSSH for Windows may use:
    // cmd.exe (^ & | < > % "), PowerShell ($ ` ; ( ) { } @ ' " # ,), POSIX sh (the test sshd's shell).
    expect(LAUNCH_COMMAND).toMatch(/^[A-Za-z0-9 .+/=-]+$/);
    expect(LAUNCH_COMMAND.length).toBeLessThan(8191);
  });
});
