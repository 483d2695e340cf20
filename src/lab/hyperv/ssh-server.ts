import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { hostKeyFingerprint, hostKeyType } from '../../core/net/host-key.js';
import { answerCollector, type CollectorReply, type CollectorRun } from './collector-responder.js';

const { Server, utils } = ssh2;

/** Plays powershell.exe: gets the command line and all of stdin, returns what the process would print and its status. */
export type CollectorResponder = (run: CollectorRun) => CollectorReply | Promise<CollectorReply>;

export interface SimulatedSshHost {
  username: string;
  /** Accepted with the password method (Windows OpenSSH offers password and publickey). */
  password?: string;
  /** OpenSSH public key lines ("ssh-ed25519 AAAA... comment") accepted with the publickey method. */
  authorizedKeys?: string[];
  respond: CollectorResponder;
  /** Delay before answering each command, to look like a real host. */
  latencyMs?: number;
  /** Private host key (OpenSSH or PEM); a fresh ed25519 key when omitted. */
  hostKey?: string;
}

export interface SshSimulator {
  port: number;
  /** "SHA256:..." of the host key, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** "ssh-ed25519 AAAA...", ready for a known_hosts line. */
  hostPublicKey: string;
  /** Client connections currently open (a client must leave none behind). */
  openConnections(): number;
  /** Exec requests received (commands run), over all connections. */
  commandsRun(): number;
  close(): Promise<void>;
}

/** A simulated host answering the collector with a fixed document (see answerCollector). */
export function collectorResponder(document: unknown): CollectorResponder {
  return (run) => answerCollector(run, document);
}

/**
 * An ed25519 key pair in OpenSSH format. ssh2's generator strips a leading zero byte of the public key, so about one
 * pair in 256 cannot be parsed back (mscdex/ssh2#1390); such pairs are drawn again.
 */
export function generateEd25519(): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error))
      return pair;
  }
}

export function generateHostKey(): { privateKey: string; publicKey: string } {
  const pair = generateEd25519();
  return { privateKey: pair.private, publicKey: pair.public };
}

function parsedKey(text: string): ParsedKey {
  const key = utils.parseKey(text);
  if (key instanceof Error) throw key;
  return key;
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authenticate(host: SimulatedSshHost, allowedKeys: ParsedKey[], ctx: AuthContext): void {
  const methods: Array<'password' | 'publickey'> = [];
  if (host.password !== undefined) methods.push('password');
  if (allowedKeys.length > 0) methods.push('publickey');
  if (ctx.username !== host.username) return ctx.reject(methods);
  if (ctx.method === 'password' && host.password !== undefined && equalSecret(ctx.password, host.password))
    return ctx.accept();
  if (ctx.method === 'publickey') {
    const key = allowedKeys.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
    // Without a signature the client only asks whether the key would do (RFC 4252 §7).
    if (key && (!ctx.signature || (ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true)))
      return ctx.accept();
  }
  ctx.reject(methods);
}

function runCommand(host: SimulatedSshHost, channel: ServerChannel, command: string, closed: () => boolean): void {
  const stdin: Buffer[] = [];
  channel.on('data', (chunk: Buffer) => stdin.push(chunk));
  channel.on('error', () => {});
  channel.stderr.on('error', () => {});
  channel.on('end', async () => {
    if (host.latencyMs) await new Promise((resolve) => setTimeout(resolve, host.latencyMs).unref());
    if (closed()) return;
    let reply: CollectorReply;
    try {
      reply = await host.respond({ command, stdin: Buffer.concat(stdin).toString('utf8') });
    } catch (err) {
      reply = { stdout: '', stderr: `hvscan simulator: responder failed: ${(err as Error).message}\r\n`, exitCode: 1 };
    }
    if (closed()) return;
    if (reply.stdout) channel.write(reply.stdout);
    if (reply.stderr) channel.stderr.write(reply.stderr);
    channel.exit(reply.exitCode);
    channel.end();
  });
}

/** An SSH server (ssh2) on 127.0.0.1 that plays one Windows host running the collector over OpenSSH. */
export async function startSshSimulator(
  host: SimulatedSshHost,
  options: { port?: number } = {},
): Promise<SshSimulator> {
  const privateKey = host.hostKey ?? generateHostKey().privateKey;
  const hostPublicBlob = parsedKey(privateKey).getPublicSSH();
  const allowedKeys = (host.authorizedKeys ?? []).map(parsedKey);
  const connections = new Set<Connection>();
  let commands = 0;

  const server = new Server({ hostKeys: [privateKey], ident: 'OpenSSH_for_Windows_9.5' }, (client) => {
    connections.add(client);
    let closed = false;
    client.on('close', () => {
      closed = true;
      connections.delete(client);
    });
    client.on('error', () => {});
    // As sshd does for sessions: no Nagle delay on the server's replies (ssh2 leaves it on; its typings omit the method).
    (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('authentication', (ctx) => authenticate(host, allowedKeys, ctx));
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (accept, _reject, info) => {
        commands++;
        runCommand(host, accept(), info.command, () => closed);
      });
      session.on('pty', (_accept, reject) => reject?.());
      session.on('shell', (_accept, reject) => reject());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostKeyFingerprint: hostKeyFingerprint(hostPublicBlob),
    hostPublicKey: `${hostKeyType(hostPublicBlob)} ${hostPublicBlob.toString('base64')}`,
    openConnections: () => connections.size,
    commandsRun: () => commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}
