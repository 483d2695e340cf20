import type { IncomingHttpHeaders } from 'node:http';
import type { EndpointContext, EndpointReply } from './soap-endpoint.js';

/**
 * vCenter Automation REST, the part hvscan uses (vsphere-api.md §2): sessions and the host list, on `/api` (7.0.2+)
 * and the older `/rest`. A standalone ESXi host has neither: `/api/session` answers 400, as reported for real hosts.
 */
const json = (status: number, body: unknown, counted: string, extra: Record<string, string> = {}): EndpointReply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...extra },
  body: body === undefined ? '' : JSON.stringify(body),
  counted,
});

function apiError(status: number, errorType: string, message: string, counted: string, legacy: boolean): EndpointReply {
  const error = {
    error_type: errorType,
    messages: [{ id: `vapi.${errorType.toLowerCase()}`, default_message: message, args: [] }],
  };
  return json(
    status,
    legacy ? { type: `com.vmware.vapi.std.errors.${errorType.toLowerCase()}`, value: error } : error,
    counted,
  );
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export function handleRest(
  ctx: EndpointContext,
  apis: ('api' | 'rest')[],
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
): EndpointReply {
  const path = url.pathname.replace(/\/$/, '');
  const counted = `REST ${method} ${path}`;
  const legacy = path.startsWith('/rest/');
  if (!apis.includes(legacy ? 'rest' : 'api')) {
    return apis.length === 0 && path === '/api/session'
      ? json(400, undefined, counted)
      : { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found', counted };
  }
  const sessionPath = legacy ? '/rest/com/vmware/cis/session' : '/api/session';
  const hostPath = legacy ? '/rest/vcenter/host' : '/api/vcenter/host';
  if (path === sessionPath && method === 'POST' && url.searchParams.get('~action') !== 'get') {
    const creds = basicCredentials(headers.authorization);
    if (!creds || creds.user !== ctx.credentials.username || creds.password !== ctx.credentials.password) {
      return apiError(401, 'UNAUTHENTICATED', 'Authentication required.', counted, legacy);
    }
    const session = ctx.sessions.create(creds.user);
    return legacy ? json(200, { value: session.token }, counted) : json(201, session.token, counted);
  }
  const token = headers['vmware-api-session-id'];
  const session = ctx.sessions.touch(Array.isArray(token) ? token[0] : token);
  if (!session) return apiError(401, 'UNAUTHENTICATED', 'Authentication required.', counted, legacy);
  if (path === sessionPath) {
    if (method === 'DELETE') {
      ctx.sessions.remove(session.token);
      return json(204, undefined, counted);
    }
    const info = {
      user: session.userName,
      created_time: session.loginTime,
      last_accessed_time: new Date(session.lastActive).toISOString(),
    };
    return json(200, legacy ? { value: info } : info, counted);
  }
  if (path === hostPath && method === 'GET') {
    if (ctx.inv.hosts.length > 2500)
      return apiError(507, 'UNABLE_TO_ALLOCATE_RESOURCE', 'More than 2500 hosts match the filter.', counted, legacy);
    const names = url.searchParams.getAll(legacy ? 'filter.names.1' : 'names');
    const hosts = ctx.inv.hosts
      .filter((h) => names.length === 0 || names.includes(h.name))
      .map((h) => ({ host: h.moId, name: h.name, connection_state: 'CONNECTED', power_state: 'POWERED_ON' }));
    return json(200, legacy ? { value: hosts } : hosts, counted);
  }
  return apiError(404, 'NOT_FOUND', `${method} ${path} is not served by the simulator`, counted, legacy);
}
