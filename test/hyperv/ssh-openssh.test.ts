import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import {
  BOOTSTRAP,
  encodeCommand,
  FRAME_END,
  FRAME_START,
  LAUNCH_COMMAND,
  stdinPayload,
} from '../../connectors/hyperv/collector/launch.js';
import { runOverSsh } from '../../connectors/hyperv/transport/ssh/ssh.js';
import { COLLECTOR_MARKER } from '../../src/lab/hyperv/collector-responder.js';
import { startSshAgent } from '../sshd/agent.js';
import { startPrivateSshd, type PrivateSshd } from '../sshd/sshd.js';
import { expectSocketsClosed, openTcpSockets, sshContext, sshTarget } from './ssh-context.js';

const run = promisify(execFile);

/**
 * The SSH transport against Debian's OpenSSH server (a peer we did not write), with a stand-in powershell.exe that
 * decodes the bootstrap and stdin independently (python3) and answers only when the bytes on the wire are right.
 */
describe('SSH transport against a private OpenSSH sshd', { timeout: 30_000 }, () => {
  let sshd: PrivateSshd;
  let key: string;
  const document = {
    schemaVersion: 1,
    os: { caption: 'Microsoft Windows Server 2022 Datacenter', buildNumber: '20348' },
    note: 'ünïcödé ✓',
  };
  const script = `${COLLECTOR_MARKER}\n$R = @{}\nWrite-Output 'häll€'\n`;

  beforeAll(async () => {
    sshd = await startPrivateSshd();
    key = readFileSync(sshd.clientKeyPath, 'utf8');
  }, 30_000);
  afterAll(async () => {
    await sshd?.stop();
  });
  beforeEach(() => {
    sshd.setStandin({
      bootstrap: BOOTSTRAP,
      frameStart: FRAME_START,
      frameEnd: FRAME_END,
      marker: COLLECTOR_MARKER,
      document: JSON.stringify(document),
    });
  });

  const pinned = () => ({ ssh: { hostKeyFingerprint: sshd.hostKeyFingerprint } });
  const decodeFrame = (stdout: string) => {
    const m = stdout.match(/<<HVSCAN:1:([A-Za-z0-9+/=]+):HVSCAN>>/);
    return m ? JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) : undefined;
  };

  it('runs the launch line with key authentication and a pinned host key; the stand-in got the script intact', async () => {
    const baseline = openTcpSockets();
    const result = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(result).toMatchObject({
      exitCode: 0,
      stderr: '',
      protocol: 'ssh',
      serverTrust: 'host-key-pinned',
      requests: 1,
    });
    expect(decodeFrame(result.stdout)).toEqual(document);
    expect(sshd.receivedScript()).toBe(script);
    await expectSocketsClosed(baseline);
  });

  it('authenticates with a passphrase-protected key', async () => {
    const credentials = {
      username: sshd.username,
      privateKey: readFileSync(sshd.encryptedClientKeyPath, 'utf8'),
      passphrase: sshd.clientKeyPassphrase,
    };
    const result = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext(credentials),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(decodeFrame(result.stdout)).toEqual(document);
  });

  it('names the key problem when the passphrase is wrong', async () => {
    const credentials = {
      username: sshd.username,
      privateKey: readFileSync(sshd.encryptedClientKeyPath, 'utf8'),
      passphrase: 'wrong',
    };
    const err = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext(credentials),
      LAUNCH_COMMAND,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect(err).toMatchObject({ step: 'auth', code: 'PRIVATE_KEY' });
    expect(String((err as Error).message)).not.toContain(sshd.clientKeyPassphrase);
  });

  it('authenticates through ssh-agent', async () => {
    const agent = await startSshAgent(sshd.dir, [sshd.clientKeyPath]);
    try {
      const target = sshTarget(sshd.port, sshd.username, { ...pinned(), agent: true });
      const result = await runOverSsh(
        target,
        sshContext({ username: sshd.username, agentSocket: agent.socket }),
        LAUNCH_COMMAND,
        stdinPayload(script),
      );
      expect(decodeFrame(result.stdout)).toEqual(document);
    } finally {
      await agent.stop();
    }
  });

  it('accepts a host listed in a known_hosts file, plain and hashed by ssh-keygen -H', async () => {
    const file = join(sshd.dir, 'known_hosts_plain');
    writeFileSync(
      file,
      `# comment\nother.example ${sshd.hostPublicKey}\n[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`,
    );
    const target = sshTarget(sshd.port, sshd.username, { ssh: { knownHostsFile: file } });
    const plain = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(plain.serverTrust).toBe('known-hosts');

    await run('ssh-keygen', ['-H', '-f', file]);
    expect(readFileSync(file, 'utf8')).not.toContain('127.0.0.1');
    expect(readFileSync(file, 'utf8')).toContain('|1|');
    const hashed = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(hashed.serverTrust).toBe('known-hosts');
  });

  it('asks a server with several host keys for the type known_hosts records (ECDSA here, not its ed25519 default)', async () => {
    const file = join(sshd.dir, 'known_hosts_ecdsa');
    writeFileSync(file, `[127.0.0.1]:${sshd.port} ${sshd.ecdsaHostPublicKey}\n`);
    const target = sshTarget(sshd.port, sshd.username, { ssh: { knownHostsFile: file } });
    const result = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(result.serverTrust).toBe('known-hosts');
    // A pin is only a fingerprint: the server's preferred (ed25519) key is what gets compared.
    const pinnedEcdsa = sshTarget(sshd.port, sshd.username, {
      ssh: { hostKeyFingerprint: sshd.ecdsaHostKeyFingerprint },
    });
    const err = await runOverSsh(
      pinnedEcdsa,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: 'connect', code: 'HOST_KEY_MISMATCH' });
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
  });

  it('refuses a wrong pin before authenticating, naming both fingerprints', async () => {
    const wrongPin = 'SHA256:' + 'A'.repeat(43);
    const target = sshTarget(sshd.port, sshd.username, { ssh: { hostKeyFingerprint: wrongPin } });
    const baseline = openTcpSockets();
    const logBefore = sshd.log().length;
    const err = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: 'connect', code: 'HOST_KEY_MISMATCH' });
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
    expect((err as Error).message).toContain(wrongPin);
    expect((err as Error).message).toContain('hv-test');
    // The client never got as far as offering its key: sshd logged no publickey attempt for this connection.
    await expectSocketsClosed(baseline);
    expect(sshd.log().slice(logBefore)).not.toContain('publickey');
  });

  it('refuses an unknown host key without trust-on-first-use', async () => {
    const file = join(sshd.dir, 'known_hosts_other');
    writeFileSync(file, `other.example ${sshd.hostPublicKey}\n`);
    const target = sshTarget(sshd.port, sshd.username, { ssh: { knownHostsFile: file } });
    const err = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: 'connect', code: 'HOST_KEY_UNKNOWN' });
    expect((err as Error).message).toContain(sshd.hostKeyFingerprint);
    expect(readFileSync(file, 'utf8')).toBe(`other.example ${sshd.hostPublicKey}\n`);
  });

  it('records the key on first use, and ssh-keygen -F then finds it', async () => {
    const file = join(sshd.dir, 'tofu', 'known_hosts');
    const target = sshTarget(sshd.port, sshd.username, { ssh: { knownHostsFile: file, trustOnFirstUse: true } });
    const ctx = sshContext({ username: sshd.username, privateKey: key });
    const first = await runOverSsh(target, ctx, LAUNCH_COMMAND, stdinPayload(script));
    expect(first.serverTrust).toBe('trust-on-first-use');
    expect(ctx.logged.join('\n')).toContain(sshd.hostKeyFingerprint);
    const { stdout } = await run('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', file]);
    expect(stdout).toContain(sshd.hostPublicKey.split(' ')[1]);
    const second = await runOverSsh(
      target,
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    );
    expect(second.serverTrust).toBe('known-hosts');
  });

  it('delivers a script larger than 1 MB through stdin (no command-line ceiling)', async () => {
    const big =
      `${COLLECTOR_MARKER}\n` +
      Array.from({ length: 30_000 }, (_, i) => `$line${i} = 'padding to exceed one megabyte of script text'`).join(
        '\n',
      );
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const result = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload(big),
    );
    expect(decodeFrame(result.stdout)).toEqual(document);
    expect(sshd.receivedScript()).toBe(big);
  });

  it('a tampered bootstrap is rejected by the stand-in and reported with its decoded CLIXML error', async () => {
    const tampered = LAUNCH_COMMAND.replace(
      encodeCommand(BOOTSTRAP),
      encodeCommand(BOOTSTRAP + ';Remove-Item -Recurse C:\\'),
    );
    expect(tampered).not.toBe(LAUNCH_COMMAND);
    const err = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext({ username: sshd.username, privateKey: key }),
      tampered,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: 'collect', code: 'EXIT_STATUS' });
    expect((err as Error).message).toContain('exited with status 1');
    expect((err as Error).message).toContain('the -EncodedCommand bootstrap is not the expected one');
    expect((err as Error).message).not.toContain('CLIXML');
  });

  it('stdin without the collector is rejected by the stand-in', async () => {
    const err = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext({ username: sshd.username, privateKey: key }),
      LAUNCH_COMMAND,
      stdinPayload('Get-Process'),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain('stdin did not carry the collector script');
  });

  it('reports an unauthorized key as an authentication failure', async () => {
    const { generateHostKey } = await import('../../src/lab/hyperv/ssh-server.js');
    const stranger = generateHostKey().privateKey;
    const baseline = openTcpSockets();
    const err = await runOverSsh(
      sshTarget(sshd.port, sshd.username, pinned()),
      sshContext({ username: sshd.username, privateKey: stranger }),
      LAUNCH_COMMAND,
      stdinPayload(script),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ step: 'auth', code: 'AUTH_FAILED' });
    await expectSocketsClosed(baseline);
  });
});
