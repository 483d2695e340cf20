import { NodeSSH, type Config } from 'node-ssh';
import type { Client, ClientChannel } from 'ssh2';
import type { HypervSshTarget } from '../../../../src/core/config/schema.js';
import { CollectError, isCollectError, isTransientNetworkCode } from '../../../../src/core/connector/errors.js';
import type { CollectContext, MemoryCharge } from '../../../../src/core/connector/types.js';
import { decodeClixml, FRAME_START } from '../../collector/launch.js';
import {
  checkHostKey,
  hostKeyAlgorithmOrder,
  type HostKeyTrust,
  type HostKeyVerdict,
  knownHostsName,
  loadHostKeyPolicy,
  recordKnownHost,
} from './ssh-hostkey.js';

export interface SshRunResult {
  stdout: string;
  /** stderr with PowerShell's CLIXML error records decoded to plain text. */
  stderr: string;
  exitCode: number;
  protocol: string;
  serverTrust: HostKeyTrust;
  /** Commands run on the host (one exec channel each): the SSH counterpart of an HTTP request count. */
  requests: number;
}

export interface SshRunOptions {
  /** stdout + stderr bytes accepted before the connection is dropped; guards against a hostile or broken host. */
  maxOutputBytes?: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

type Phase = 'connect' | 'auth' | 'collect';

/**
 * Runs one command over SSH (node-ssh on ssh2), writes `stdin` and then end-of-input, and returns its output.
 * The host key is checked during key exchange, before authentication; the connection is closed on every path.
 * A non-zero exit without the collector's output frame is a `collect` error carrying the decoded stderr.
 */
export async function runOverSsh(
  target: HypervSshTarget,
  ctx: CollectContext,
  command: string,
  stdin: string,
  options: SshRunOptions = {},
): Promise<SshRunResult> {
  const port = target.port ?? 22;
  const where = `${target.name} (ssh ${target.host}:${port})`;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let phase: Phase = 'connect';
  if (ctx.signal.aborted) throw abortError(ctx.signal, where, phase);

  let policy;
  try {
    policy = await loadHostKeyPolicy(target.ssh);
  } catch (err) {
    throw new CollectError('config', `${where}: ssh.knownHostsFile: ${(err as Error).message}`, { cause: err });
  }
  if (policy.trustOnFirstUse && !policy.pin && !policy.knownHostsFile) {
    throw new CollectError('config', `${where}: ssh.trustOnFirstUse needs ssh.knownHostsFile to record the key in`);
  }
  const lookupName = knownHostsName(target.host, port);
  let verdict: HostKeyVerdict | undefined;
  let hostKey: Buffer | undefined;

  const config: Config = {
    host: target.host,
    port,
    username: ctx.credentials.username,
    readyTimeout: Math.max(1, Math.min(ctx.timeoutMs, 2 ** 31 - 1)),
    hostVerifier: (key: Buffer) => {
      hostKey = key;
      verdict = checkHostKey(policy, lookupName, key);
      return verdict.accepted;
    },
    ...authConfig(target, ctx, where),
  };
  const hostKeyAlgorithms = hostKeyAlgorithmOrder(policy, lookupName);
  if (hostKeyAlgorithms) config.algorithms = { serverHostKey: hostKeyAlgorithms };

  const ssh = new NodeSSH();
  let client: Client | undefined;
  let fail: (err: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  const onAbort = () => {
    fail(abortError(ctx.signal, where, phase));
    client?.destroy();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let ok = false;
  let commands = 0;
  try {
    const connecting = ssh.connect(config);
    // node-ssh creates the ssh2 client synchronously; listen for errors for the connection's whole life.
    client = ssh.connection ?? undefined;
    client?.on('error', () => {});
    // ssh2 leaves Nagle on: a packet written in pieces then waits for the peer's delayed ACK (~40 ms per round trip).
    client?.setNoDelay(true);
    client?.on('handshake', () => {
      phase = 'auth';
    });
    try {
      await Promise.race([connecting, failed]);
    } catch (err) {
      throw connectError(err, where, phase, verdict);
    }
    if (!verdict?.accepted || !hostKey) throw new CollectError('connect', `${where}: the host key was never verified`);
    ctx.logger.debug(
      `${where}: host key ${verdict.keyType} ${verdict.fingerprint} accepted (${verdict.trust}); authenticated as ${ctx.credentials.username}`,
    );
    ctx.progress?.('collecting');
    if (verdict.trust === 'trust-on-first-use' && policy.knownHostsFile) {
      await recordKnownHost(policy.knownHostsFile, lookupName, hostKey).catch((err: Error) => {
        throw new CollectError(
          'config',
          `${where}: cannot record the first-use host key in ssh.knownHostsFile ${policy.knownHostsFile}: ${err.message}`,
          { cause: err },
        );
      });
      ctx.logger.warn(
        `${where}: trusted host key ${verdict.keyType} ${verdict.fingerprint} on first use; recorded in ${policy.knownHostsFile}`,
      );
    }
    phase = 'collect';
    commands++;
    const result = await Promise.race([
      execute(ssh, command, stdin, maxOutputBytes, where, fail, ctx.signal, ctx.memory),
      failed,
    ]);
    ctx.logger.debug(
      `${where}: powershell.exe exit status ${result.code}, ${result.stdout.length} characters on stdout, ${result.stderr.length} on stderr`,
    );
    const stderr = decodeClixml(result.stderr);
    const exitCode = result.code ?? -1;
    if (exitCode !== 0 && !result.stdout.includes(FRAME_START)) {
      const status =
        result.code === null
          ? `closed without an exit status${result.signal ? ` (signal ${result.signal})` : ''}`
          : `exited with status ${exitCode}`;
      throw new CollectError('collect', `${where}: powershell.exe ${status}: ${stderr || '(nothing on stderr)'}`, {
        code: 'EXIT_STATUS',
      });
    }
    ok = true;
    return { stdout: result.stdout, stderr, exitCode, protocol: 'ssh', serverTrust: verdict.trust, requests: commands };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (ok) client?.end();
    else client?.destroy();
  }
}

function authConfig(target: HypervSshTarget, ctx: CollectContext, where: string): Partial<Config> {
  const { password, privateKey, passphrase, agentSocket } = ctx.credentials;
  const auth: Partial<Config> = {};
  if (privateKey) Object.assign(auth, { privateKey, passphrase });
  if (password) Object.assign(auth, { password, tryKeyboard: true });
  if (target.agent) {
    const socket = agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (!socket)
      throw new CollectError(
        'auth',
        `${where}: agent is set but no ssh-agent socket is available (SSH_AUTH_SOCK is empty)`,
      );
    auth.agent = socket;
  }
  if (!auth.privateKey && !auth.password && !auth.agent) {
    throw new CollectError(
      'auth',
      `${where}: no SSH credentials: set privateKeyPath, agent, or passwordEnv/passwordFile`,
    );
  }
  return auth;
}

interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

async function execute(
  ssh: NodeSSH,
  command: string,
  stdin: string,
  maxOutputBytes: number,
  where: string,
  fail: (err: unknown) => void,
  signal: AbortSignal,
  memory?: MemoryCharge,
): Promise<ExecResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let received = 0;
  let channel: ClientChannel | undefined;
  // Once the host has failed (output cap, timeout, memory budget), what it sent is dropped at once: kept until the
  // channel closes and then joined, it was three copies of up to the cap per host, all garbage.
  let dropped = false;
  const drop = () => {
    dropped = true;
    stdout.length = 0;
    stderr.length = 0;
    channel?.destroy();
  };
  signal.addEventListener('abort', drop, { once: true });
  const take = (into: Buffer[]) => (chunk: Buffer) => {
    if (dropped) return;
    received += chunk.length;
    if (received > maxOutputBytes) {
      fail(
        new CollectError('parse', `${where}: output exceeded ${maxOutputBytes} bytes; connection dropped`, {
          code: 'OUTPUT_LIMIT',
        }),
      );
      drop();
      return;
    }
    into.push(chunk);
    memory?.charge(chunk.length);
  };
  try {
    // Output is collected as Buffers here (node-ssh's per-chunk strings would split multi-byte characters).
    const response = await ssh.execCommand(command, {
      stdin,
      noTrim: true,
      onChannel: (c) => {
        channel = c;
      },
      onStdout: take(stdout),
      onStderr: take(stderr),
    });
    return {
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      code: response.code,
      signal: response.signal,
    };
  } catch (err) {
    throw new CollectError('collect', `${where}: the server refused to run powershell.exe: ${(err as Error).message}`, {
      cause: err,
      code: 'EXEC_REFUSED',
    });
  } finally {
    signal.removeEventListener('abort', drop);
  }
}

function abortError(signal: AbortSignal, where: string, phase: Phase): CollectError {
  const reason: unknown = signal.reason;
  if (isCollectError(reason)) return reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return timedOut
    ? new CollectError('timeout', `${where}: timed out during ${phase}`, { transient: true, cause: reason })
    : new CollectError('aborted', `${where}: aborted during ${phase}`, { cause: reason });
}

function connectError(err: unknown, where: string, phase: Phase, verdict: HostKeyVerdict | undefined): CollectError {
  if (isCollectError(err)) return err;
  if (verdict && !verdict.accepted)
    return new CollectError('connect', `${where}: ${verdict.message}`, { code: verdict.code, cause: err });
  const e = err as Error & { code?: string; level?: string };
  const message = e?.message ?? String(err);
  if (e.level === 'client-authentication') {
    return new CollectError('auth', `${where}: authentication as the configured user failed (${message})`, {
      cause: err,
      code: 'AUTH_FAILED',
    });
  }
  if (/privateKey|passphrase/i.test(message)) {
    return new CollectError('auth', `${where}: cannot use the private key: ${message}`, {
      cause: err,
      code: 'PRIVATE_KEY',
    });
  }
  if (e.level === 'client-timeout') {
    return new CollectError('timeout', `${where}: no SSH handshake within the timeout`, {
      cause: err,
      transient: true,
    });
  }
  const transient = isTransientNetworkCode(e.code);
  const step = phase === 'auth' ? 'auth' : 'connect';
  const detail =
    e.code === 'ETIMEDOUT' && /No response/.test(message)
      ? 'the server closed the connection before the SSH session was ready'
      : message;
  return new CollectError(step, `${where}: ${detail}`, { cause: err, code: e.code, transient });
}
