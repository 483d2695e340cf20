import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createSelfSignedCertificate } from '../../../src/lab/esxi/cert.js';

/**
 * A hostile HTTPS endpoint for the fault suite: a proxy in front of a lab simulator (vSphere in src/lab/esxi, WinRM over
 * HTTPS with Basic in src/lab/hyperv) that forwards every call unchanged except those a rule names, which it answers as
 * a broken or malicious server would. Calls are named as the connectors name them: the SOAP method (first element of
 * the Body), the last segment of a VI/JSON path (`/sdk/vim25/{release}/{type}/{id}/{method}`, `content` for the service
 * content), or the WS-Management action (`Receive`, `Delete`).
 */
export type Misbehaviour =
  /** Never answers; the socket stays open. */
  | { kind: 'hang' }
  /** Answers with this instead of the simulator's reply. */
  | { kind: 'reply'; status: number; contentType: string; body: string | Buffer }
  /** Forwards the simulator's reply with `edit` applied to its text. */
  | { kind: 'edit'; edit: (body: string) => string };

export interface HostileRule {
  call: string;
  act: Misbehaviour;
  /** How many matching calls misbehave (default: all). */
  times?: number;
}

export interface HostileVsphere {
  port: number;
  /** SHA-256 of the proxy's certificate, for tls.fingerprint. */
  fingerprint: string;
  /** Every call seen, in order. */
  calls: string[];
  close(): Promise<void>;
}

function callName(req: IncomingMessage, body: string): string {
  const path = new URL(req.url ?? '/', 'https://x').pathname;
  if (path.startsWith('/sdk/vim25/')) return path.split('/').pop() ?? path;
  // WS-Management: the last segment of the Action URI (Create, Command, Send, Receive, Signal, Delete).
  const action = /<(?:[\w-]+:)?Action[^>]*>([^<]+)<\/(?:[\w-]+:)?Action>/.exec(body);
  if (path === '/wsman' && action) return action[1]!.trim().split('/').pop()!;
  const soap = /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([\w]+)/.exec(body);
  return soap?.[1] ?? `${req.method} ${path}`;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startHostileVsphere(upstreamPort: number, rules: HostileRule[]): Promise<HostileVsphere> {
  const cert = createSelfSignedCertificate('hostile.lab.example');
  const calls: string[] = [];
  const sockets = new Set<Socket>();
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = https.request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` },
          agent,
        },
        (res) =>
          readAll(res).then(
            (data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }),
            reject,
          ),
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const call = callName(req, body.toString('utf8'));
    calls.push(call);
    const rule = rules.find((r) => r.call === call && (r.times ?? Infinity) > 0);
    if (rule) rule.times = (rule.times ?? Infinity) - 1;
    if (rule?.act.kind === 'hang') return;
    if (rule?.act.kind === 'reply') {
      res.writeHead(rule.act.status, { 'Content-Type': rule.act.contentType }).end(rule.act.body);
      return;
    }
    const reply = await forward(req, body);
    const headers = { ...reply.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    const out = rule?.act.kind === 'edit' ? Buffer.from(rule.act.edit(reply.body.toString('utf8'))) : reply.body;
    res.writeHead(reply.status, { ...headers, 'content-length': String(out.length) }).end(out);
  }

  const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint: cert.fingerprint,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      }),
  };
}
