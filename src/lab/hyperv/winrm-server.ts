import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  channelBindingHash,
  decryptMessage,
  ENCRYPTED_CONTENT_TYPE,
  encryptMessage,
  isEncryptedContentType,
  type NtlmSessionSecurity,
} from '../../../connectors/hyperv/transport/winrm/wire.js';
import { createSelfSignedCertificate } from '../esxi/cert.js';
import { answerCollector, type CollectorReply, type CollectorRun } from './collector-responder.js';
import { answerRunPsEcho } from './run-ps-echo.js';
import { NtlmAcceptor } from './ntlm-acceptor.js';
import { ShellHost, type ShellLog, type SoapReply, type WinrmMisbehaviour } from './winrm-shells.js';

export interface SimulatedWinrmHost extends WinrmMisbehaviour {
  computerName: string;
  /** Local accounts: user name (case-insensitive) → password. */
  accounts: Record<string, string>;
  /** The collector document this host answers with (via answerCollector: only the exact hvscan launch gets it). */
  document: unknown;
  /** Replaces answerCollector, to play a host whose collector prints something else (bad-input tests). */
  respond?: (run: CollectorRun) => CollectorReply;
  https: boolean;
  /** Authentication the service accepts; Windows defaults: Negotiate on, Basic off. */
  auth: Array<'basic' | 'ntlm'>;
  /** Accept unsealed NTLM and Basic over HTTP (Windows: AllowUnencrypted, default false). */
  allowUnencrypted?: boolean;
  /** Also answer pywinrm's run_ps (`powershell -encodedcommand` + a Write-Output literal) for the fidelity check. */
  runPsEcho?: boolean;
  latencyMs?: number;
  maxShellsPerUser?: number;
  /** stdout bytes per Receive reply (default 48 KiB). */
  chunkBytes?: number;
  /** Wait before each w:TimedOut Receive fault (default 25 ms; Windows waits OperationTimeout). */
  timedOutWaitMs?: number;
}

export interface WinrmSimulator {
  url: string;
  port: number;
  /** SHA-256 of the HTTPS certificate (tls.fingerprint form), and its PEM for a CA file. */
  fingerprint?: string;
  certPem?: string;
  log: ShellLog;
  /** Authentication attempts refused (counted; tokens are never kept). */
  authFailures: number;
  /** NTLM logons over HTTPS that carried a matching channel binding. */
  channelBoundLogons: number;
  /** HTTP requests received, authentication round trips included. */
  httpRequests: number;
  close(): Promise<void>;
}

interface ConnectionState {
  acceptor?: NtlmAcceptor;
  user?: string;
  session?: NtlmSessionSecurity;
}

const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/**
 * A WinRM service for one simulated Hyper-V host, loopback only: HTTP or HTTPS (self-signed), Basic and NTLM
 * (NTLMv2, connection-bound as on Windows) with MS-WSMV message encryption over HTTP, and the cmd shell resource.
 */
export async function startWinrmSimulator(host: SimulatedWinrmHost): Promise<WinrmSimulator> {
  const shells = new ShellHost({
    ...host,
    respond: host.respond ?? ((run: CollectorRun): CollectorReply => answerCollector(run, host.document)),
    respondAtStart: host.runPsEcho ? (command) => answerRunPsEcho({ command, stdin: '' }) : undefined,
    maxShellsPerUser: host.maxShellsPerUser ?? 5,
    chunkBytes: host.chunkBytes ?? 48 * 1024,
    timedOutWaitMs: host.timedOutWaitMs ?? 25,
  });
  const connections = new WeakMap<Socket, ConnectionState>();
  const sockets = new Set<Socket>();
  const passwordOf = (user: string) =>
    Object.entries(host.accounts).find(([name]) => name.toLowerCase() === user.toLowerCase())?.[1];
  const sim = { authFailures: 0, channelBoundLogons: 0, httpRequests: 0 };
  const cert = host.https ? createSelfSignedCertificate(host.computerName) : undefined;
  const binding = cert ? channelBindingHash(cert.der) : undefined;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    sim.httpRequests++;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const conn = connections.get(req.socket) ?? {};
      connections.set(req.socket, conn);
      const send = () => serve(req, res, conn, Buffer.concat(chunks));
      if (host.latencyMs) setTimeout(send, host.latencyMs);
      else send();
    });
  };

  const challengeHeaders = (): string[] => [
    ...(host.auth.includes('ntlm') ? ['Negotiate'] : []),
    ...(host.auth.includes('basic') ? ['Basic realm="WSMAN"'] : []),
  ];
  const unauthorized = (res: ServerResponse, header: string | string[] = challengeHeaders()) => {
    res.writeHead(401, { 'WWW-Authenticate': header, 'Content-Length': 0 });
    res.end();
  };

  function serve(req: IncomingMessage, res: ServerResponse, conn: ConnectionState, body: Buffer): void {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/wsman') {
      res.writeHead(404, { 'Content-Length': 0 }).end();
      return;
    }
    const authorization = req.headers.authorization ?? '';
    const [scheme, token = ''] = authorization.split(' ');
    let user = conn.user;
    if (/^basic$/i.test(scheme) && host.auth.includes('basic')) {
      const [name, ...rest] = Buffer.from(token, 'base64').toString('utf8').split(':');
      if ((!host.https && !host.allowUnencrypted) || passwordOf(name) !== rest.join(':')) {
        sim.authFailures++;
        return unauthorized(res);
      }
      user = name;
    } else if (/^(negotiate|ntlm)$/i.test(scheme) && host.auth.includes('ntlm')) {
      const message = Buffer.from(token, 'base64');
      try {
        if (message.readUInt32LE(8) === 1) {
          conn.acceptor = new NtlmAcceptor(host.computerName);
          conn.user = conn.session = undefined;
          return unauthorized(res, `${scheme} ${conn.acceptor.challenge(message).toString('base64')}`);
        }
        const result = conn.acceptor?.accept(message, passwordOf, binding) ?? {
          refused: 'no NEGOTIATE on this connection',
        };
        if ('refused' in result) throw new Error(result.refused);
        if (result.channelBound) sim.channelBoundLogons++;
        conn.user = user = result.user;
        conn.session = result.session;
      } catch {
        sim.authFailures++;
        conn.acceptor = undefined;
        return unauthorized(res);
      }
      if (body.length === 0) {
        res.writeHead(200, { 'Content-Length': 0 }).end();
        return;
      }
    }
    if (!user) return unauthorized(res);

    let xml: string;
    const encrypted = isEncryptedContentType(req.headers['content-type']);
    if (encrypted && conn.session) {
      try {
        xml = decryptMessage(body, conn.session).toString('utf8');
      } catch {
        res.writeHead(400, { 'Content-Length': 0 }).end();
        return;
      }
    } else if (!host.https && !host.allowUnencrypted) {
      // Windows refuses unencrypted traffic over HTTP unless AllowUnencrypted is set.
      return unauthorized(res);
    } else {
      xml = body.toString('utf8');
    }

    let reply;
    try {
      reply = shells.handle(xml, user);
    } catch {
      res.writeHead(400, { 'Content-Length': 0 }).end();
      return;
    }
    if (reply.waitMs) setTimeout(() => write(res, conn, encrypted, reply), reply.waitMs);
    else write(res, conn, encrypted, reply);
  }

  function write(res: ServerResponse, conn: ConnectionState, encrypted: boolean, reply: SoapReply): void {
    if (res.destroyed) return;
    const plain = Buffer.from(reply.body, 'utf8');
    if (encrypted && conn.session) {
      const sealed = encryptMessage(plain, conn.session);
      res.writeHead(reply.status, { 'Content-Type': ENCRYPTED_CONTENT_TYPE, 'Content-Length': sealed.length });
      res.end(sealed);
    } else {
      res.writeHead(reply.status, {
        'Content-Type': 'application/soap+xml;charset=UTF-8',
        'Content-Length': plain.length,
      });
      res.end(plain);
    }
  }

  const server = cert
    ? https.createServer({ key: cert.keyPem, cert: cert.certPem }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  server.on(cert ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${cert ? 'https' : 'http'}://127.0.0.1:${port}/wsman`,
    port,
    fingerprint: cert?.fingerprint,
    certPem: cert?.certPem,
    log: shells.log,
    get authFailures() {
      return sim.authFailures;
    },
    get channelBoundLogons() {
      return sim.channelBoundLogons;
    },
    get httpRequests() {
      return sim.httpRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
