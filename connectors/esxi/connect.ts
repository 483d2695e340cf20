import { CollectError } from '../../src/core/connector/errors.js';
import type { CollectContext } from '../../src/core/connector/types.js';
import { createTlsAgent, type TlsAgent } from '../../src/core/net/tls.js';
import type { VsphereTarget } from '../../src/core/config/schema.js';
import { HttpEndpoint } from './vim25/http.js';
import { VimSession } from './vim25/session.js';
import { SoapTransport } from './vim25/soap/client.js';
import type { VimTransport } from './vim25/transport.js';
import { obj, str } from './vim25/value.js';
import { probeViJson } from './vim25/vijson/client.js';

export interface Connection {
  http: HttpEndpoint;
  tls: TlsAgent;
  session: VimSession;
  /**
   * The session esxcli goes over: always SOAP. RetrieveManagedMethodExecuter and ExecuteSoap are internal methods
   * (govmomi declares them in internal/types.go, not in the generated vim25 types VI/JSON is built from), so beside a
   * VI/JSON session a second, SOAP one is opened for them; otherwise it is `session` itself.
   */
  cliSession: VimSession;
  transport: VimTransport;
  where: string;
}

export function targetWhere(target: VsphereTarget): string {
  return `${target.platform} target "${target.name}" (${target.host}${target.port ? `:${target.port}` : ''})`;
}

export function endpointUrl(target: VsphereTarget): string {
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  return `https://${host}:${target.port ?? 443}`;
}

/**
 * Connections per endpoint. A standalone host's wave (about 17 manager and esxcli calls) shares 2 keep-alive sockets,
 * as Go's http.Transport keeps 2 idle per host: each extra socket is a TLS handshake on both sides, which cost more
 * CPU at scale than the round trips it saved (docs/benchmarks.md), and hostd is spared a burst of connections. A
 * vCenter's per-host calls run under the scan's sub-pool (default 32); fewer sockets would queue them.
 */
const HOST_SOCKETS = 2;
const VCENTER_SOCKETS = 64;

/**
 * Prepares a vim25 session: RetrieveServiceContent (no login; tells HostAgent from VirtualCenter and the API version)
 * and VI/JSON detection on vCenter >= 8.0.1 unless disabled. The caller logs in and must call `session.logout`.
 */
export async function connect(target: VsphereTarget, ctx: CollectContext): Promise<Connection> {
  const where = targetWhere(target);
  const password = ctx.credentials.password;
  if (password === undefined)
    throw new CollectError('config', `${where}: no password resolved (set passwordEnv or passwordFile)`);
  const tls = createTlsAgent(target.tls, where, true, HOST_SOCKETS);
  const http = new HttpEndpoint(endpointUrl(target), where, tls, ctx.signal, ctx.timeoutMs, ctx.memory);
  const soap = new SoapTransport(http);
  const content = await soap.retrieveServiceContent();
  const about = obj(content.about) ?? {};
  let transport: VimTransport = soap;
  let serviceContent = content;
  const vcenter = str(about.apiType) === 'VirtualCenter';
  if (vcenter) tls.agent.maxSockets = VCENTER_SOCKETS;
  if (target.viJson !== 'off' && vcenter) {
    const json = await probeViJson(http, str(about.apiVersion));
    if (json) {
      transport = json.transport;
      serviceContent = json.content;
    }
  }
  const session = new VimSession(transport, serviceContent, where, ctx.credentials.username, password);
  const cliSession =
    transport === soap ? session : new VimSession(soap, content, where, ctx.credentials.username, password);
  return { http, tls, session, cliSession, transport, where };
}
