import https from 'node:https';
import { XMLParser } from 'fast-xml-parser';
import { createTlsAgent } from '../../../src/core/net/tls.js';
import type { EsxiSimulator } from '../../../src/lab/esxi/index.js';

/**
 * A deliberately plain HTTPS client for the simulator tests: it pins the simulator's reported SHA-256 fingerprint
 * through the project's TLS agent and returns raw status, headers and body, so the tests see the wire as a client would.
 */
export interface WireReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function request(
  sim: EsxiSimulator,
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<WireReply> {
  const { agent } = createTlsAgent({ fingerprint: sim.fingerprint }, 'esxi-simulator-test', false);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: sim.host,
        port: sim.port,
        method,
        path,
        agent,
        headers: { 'Content-Length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject); // connection dropped mid-response
        res.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('simulator did not answer in 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;

export function soap(
  sim: EsxiSimulator,
  method: string,
  self: [string, string],
  params = '',
  cookie?: string,
): Promise<WireReply> {
  const body = envelope(
    `<${method} xmlns="urn:vim25"><_this type="${self[0]}">${self[1]}</_this>${params}</${method}>`,
  );
  return request(sim, 'POST', '/sdk', body, {
    'Content-Type': 'text/xml; charset="utf-8"',
    SOAPAction: 'urn:vim25/8.0.3.0',
    ...(cookie ? { Cookie: cookie } : {}),
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['returnval', 'objects', 'propSet', 'HostCpuIdInfo'].includes(name),
});

/** The parsed SOAP Body (prefixes kept, so tests can check them). */
export function body(reply: WireReply): Record<string, any> {
  return parser.parse(reply.body)['soapenv:Envelope']['soapenv:Body'];
}

/** Logs in and returns the cookie to replay, exactly as the server set it (name=value, attributes dropped). */
export async function login(sim: EsxiSimulator, sessionManager: string): Promise<string> {
  const reply = await soap(
    sim,
    'Login',
    ['SessionManager', sessionManager],
    `<userName>${sim.username}</userName><password>${sim.password}</password>`,
  );
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.body}`);
  const setCookie = String(([] as string[]).concat(reply.headers['set-cookie'] ?? [])[0]);
  return setCookie.split(';')[0];
}

export const hostProps = (moId: string, paths: string[], max?: number) =>
  `<specSet><propSet><type>HostSystem</type>${paths.map((p) => `<pathSet>${p}</pathSet>`).join('')}</propSet>` +
  `<objectSet><obj type="HostSystem">${moId}</obj></objectSet></specSet><options>${max ? `<maxObjects>${max}</maxObjects>` : ''}</options>`;
