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

/** Misbehaviour for bad-input tests, applied to the next `times` requests counted under `method`. */
export interface InjectedFailure {
  method: string;
  /** reset: connection dropped mid-response; hang: never answers; truncate: 200 with half the XML; html: an HTML
   *  error page; huge: a 10 MB body. */
  kind: 'reset' | 'hang' | 'truncate' | 'html' | 'huge';
  times?: number;
}

export interface RunningServer {
  port: number;
  injectFailure(failure: InjectedFailure): void;
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

const notFound = (counted: string): EndpointReply => ({
  status: 404,
  headers: { 'Content-Type': 'text/plain' },
  body: 'Not Found',
  counted,
});

function misbehave(res: ServerResponse, reply: EndpointReply, kind: InjectedFailure['kind']): void {
  const half = reply.body.slice(0, Math.floor(reply.body.length / 2));
  switch (kind) {
    case 'hang':
      return; // the socket stays open until the client gives up or the simulator closes
    case 'reset':
      res.writeHead(200, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
      res.write(half, () => res.socket?.destroy());
      return;
    case 'truncate':
      res.writeHead(200, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(half)) }).end(half);
      return;
    case 'html':
      res
        .writeHead(503, { 'Content-Type': 'text/html' })
        .end(
          '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>',
        );
      return;
    case 'huge':
      res
        .writeHead(200, reply.headers)
        .end(reply.body.replace('<soapenv:Body>', '<soapenv:Body>' + ' '.repeat(10 * 1024 * 1024)));
      return;
  }
}

/** The HTTPS front: routes /sdk (SOAP), /sdk/vim25/... (VI/JSON), /api and /rest, adds latency, counts requests. */
export async function startServer(ctx: EndpointContext, options: ServerOptions): Promise<RunningServer> {
  const counts = new Map<string, number>();
  let total = 0;
  const sockets = new Set<Socket>();
  const failures: InjectedFailure[] = [];

  async function route(req: IncomingMessage, body: string): Promise<EndpointReply> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const path = url.pathname;
    if (path === '/sdk' || path === '/sdk/') {
      if (req.method !== 'POST')
        return {
          status: 405,
          headers: { 'Content-Type': 'text/plain' },
          body: 'Method Not Allowed',
          counted: `${req.method} /sdk`,
        };
      return handleSoap(ctx, body, { cookie: req.headers.cookie, 'user-agent': req.headers['user-agent'] });
    }
    if (path === '/sdk/vimServiceVersions.xml') {
      const apiVersion = String(
        (ctx.inv.content.fields.about as { fields: Record<string, unknown> }).fields.apiVersion,
      );
      return {
        status: 200,
        headers: { 'Content-Type': 'text/xml' },
        body: VERSIONS_XML(apiVersion),
        counted: 'vimServiceVersions.xml',
      };
    }
    if (path.startsWith('/sdk/vim25/'))
      return handleViJson(ctx, options.jsonReleases, req.method ?? 'GET', path, body, req.headers);
    if (path.startsWith('/api/') || path.startsWith('/rest/'))
      return handleRest(ctx, options.restApis, req.method ?? 'GET', url, req.headers);
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
      reply = {
        status: 500,
        headers: { 'Content-Type': 'text/plain' },
        body: `simulator error: ${(err as Error).message}`,
        counted: 'error',
      };
    }
    total++;
    counts.set(reply.counted, (counts.get(reply.counted) ?? 0) + 1);
    const failure = failures.find((f) => f.method === reply.counted && (f.times ?? 1) > 0);
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      misbehave(res, reply, failure.kind);
    } else if (!res.destroyed) res.writeHead(reply.status, reply.headers).end(reply.body);
  }

  const server = https.createServer(
    { key: options.cert.keyPem, cert: options.cert.certPem, keepAliveTimeout: 30_000 },
    (req, res) => {
      onRequest(req, res).catch(() => res.destroy());
    },
  );
  server.on('connection', (socket: Socket) => {
    socket.setNoDelay(true); // answers leave at once; latency is only what latencyMs adds
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    injectFailure: (failure) => failures.push({ ...failure }),
    requestCount: () => total,
    requestsByMethod: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
