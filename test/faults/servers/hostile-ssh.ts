import type { AddressInfo } from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';
import { hostKeyFingerprint } from '../../../src/core/net/host-key.js';
import { generateHostKey } from '../../../src/lab/hyperv/ssh-server.js';

/**
 * A hostile SSH server for the fault suite (ssh2's Server on loopback, any password accepted): what it does once the
 * client runs its command.
 * - flood: stdout without end, as fast as the client reads it;
 * - stderr: `bytes` of stderr (escape sequences first), then exit 1;
 * - hang: accepts the command and never answers.
 */
export type SshMisbehaviour = { kind: 'flood' } | { kind: 'stderr'; bytes: number; text: string } | { kind: 'hang' };

export interface HostileSsh {
  port: number;
  hostKeyFingerprint: string;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'A');

function flood(channel: ServerChannel): void {
  let open = true;
  channel.on('close', () => (open = false));
  const pump = () => {
    while (open && channel.write(CHUNK));
    if (open) channel.once('drain', pump);
  };
  pump();
}

function act(channel: ServerChannel, misbehaviour: SshMisbehaviour): void {
  channel.on('error', () => undefined);
  if (misbehaviour.kind === 'flood') return flood(channel);
  if (misbehaviour.kind === 'stderr') {
    const text = `${misbehaviour.text}${'E'.repeat(Math.max(0, misbehaviour.bytes - misbehaviour.text.length))}`;
    channel.stderr.write(text);
    channel.exit(1);
    channel.end();
  }
}

export async function startHostileSsh(misbehaviour: SshMisbehaviour): Promise<HostileSsh> {
  const { privateKey } = generateHostKey();
  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [privateKey], ident: 'OpenSSH_for_Windows_9.5' }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => (ctx.method === 'password' ? ctx.accept() : ctx.reject(['password'])));
    client.on('session', (accept) => {
      const session = accept();
      session.on('exec', (acceptExec) => act(acceptExec(), misbehaviour));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  return {
    port: (server.address() as AddressInfo).port,
    hostKeyFingerprint: hostKeyFingerprint((Array.isArray(parsed) ? parsed[0] : parsed).getPublicSSH()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}
