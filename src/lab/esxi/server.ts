import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SelfSignedCertificate } from './cert.js';
import type { EndpointContext, EndpointReply } from './soap-endpoint.js';
import { handleSoap } from './soap-endpoint.js';
import { handleRest } from './rest-endpoint.js';
import { handleViJson } from './vijson-endpoint.js';

/** Bodies larger than this are refused, as a host's reverse proxy would. */
const MAX_BODY = 8 * 1024 * 1024;

export interface ServerOptions {
  cert: SelfSignedCertificate;
  latencyMs: number;
  /** VI/JSON releases served at /sdk/vim25/{release}/ (vCenter >= 8.0.1); empty for none. */
  jsonReleases: string[];
  /** Automation REST: '/api' and '/rest' (vCenter >= 7.0.2), '/rest' only (older vCenter), none (ESXi). */
  restApis: ('api' | 'rest')[];
}

export interface RunningServer {
  port: number;
  requestCount(): number;
  requestsByMethod(): Record<string, number>;
  close(): Promise<void>;
}

const VERSIONS_XML = (apiVersion: string) =>
  `<?xml version="1.0" encoding="UTF-8" ?>\n<namespaces version="1.0">\n <namespace>\n  <name>urn:vim25</name>\n  <version>${apiVersion}</version>\n  <priorVersions>\n   <version>6.0</version>\n   <version>6.5</version>\n  </priorVersions>\n </namespace>\n</namespaces>\n`;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const notFound = (counted: string): EndpointReply => ({ status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found', counted });

/** The HTTPS front: routes /sdk (SOAP), /sdk/vim25/... (VI/JSON), /api and /rest, adds latency, counts requests. */
export async function startServer(ctx: EndpointContext, options: ServerOptions): Promise<RunningServer> {
  const counts = new Map<string, number>();
  let total = 0;
  const sockets = new Set<Socket>();

  async function route(req: IncomingMessage, body: string): Promise<EndpointReply> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const path = url.pathname;
    if (path === '/sdk' || path === '/sdk/') {
      if (req.method !== 'POST') return { status: 405, headers: { 'Content-Type': 'text/plain' }, body: 'Method Not Allowed', counted: `${req.method} /sdk` };
      return handleSoap(ctx, body, { cookie: req.headers.cookie, 'user-agent': req.headers['user-agent'] });
    }
    if (path === '/sdk/vimServiceVersions.xml') {
      const apiVersion = String((ctx.inv.content.fields.about as { fields: Record<string, unknown> }).fields.apiVersion);
      return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: VERSIONS_XML(apiVersion), counted: 'vimServiceVersions.xml' };
    }
    if (path.startsWith('/sdk/vim25/')) return handleViJson(ctx, options.jsonReleases, req.method ?? 'GET', path, body, req.headers);
    if (path.startsWith('/api/') || path.startsWith('/rest/')) return handleRest(ctx, options.restApis, req.method ?? 'GET', url, req.headers);
    return notFound(`${req.method} ${path}`);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Request Entity Too Large');
      return;
    }
    if (options.latencyMs > 0) await new Promise((r) => setTimeout(r, options.latencyMs));
    let reply: EndpointReply;
    try {
      reply = await route(req, body);
    } catch (err) {
      reply = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: `simulator error: ${(err as Error).message}`, counted: 'error' };
    }
    total++;
    counts.set(reply.counted, (counts.get(reply.counted) ?? 0) + 1);
    if (!res.destroyed) res.writeHead(reply.status, reply.headers).end(reply.body);
  }

  const server = https.createServer({ key: options.cert.keyPem, cert: options.cert.certPem, keepAliveTimeout: 30_000 }, (req, res) => {
    onRequest(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    requestCount: () => total,
    requestsByMethod: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
