import type { IncomingHttpHeaders } from 'node:http';
import { invalidProperty, invalidRequest, managedObjectNotFound, notAuthenticated, VimFault } from './faults.js';
import { toJson } from './json-codec.js';
import { invoke } from './methods.js';
import type { Arg } from './soap-codec.js';
import { encodeFault } from './soap-codec.js';
import { login, userSession, type EndpointContext, type EndpointReply } from './soap-endpoint.js';
import { data, moref, MoRef, type VimValue } from './values.js';

/**
 * VI/JSON (vsphere-api.md §1): `/sdk/vim25/{release}/{MoType}/{moId}/{property|Method}`. GET reads a top-level
 * property, POST calls a method with the named parameters as a JSON object; the session travels in the
 * `vmware-api-session-id` header; faults are HTTP 500 with the fault object as the body. Only a vCenter >= 8.0.1 has
 * it: elsewhere a POST reaches the SOAP parser and fails as XML, as reported for a real ESXi host.
 */
const INTERNAL_METHODS = new Set(['RetrieveManagedMethodExecuter', 'ExecuteSoap', 'RetrieveDynamicTypeManager']);

export function handleViJson(
  ctx: EndpointContext,
  releases: string[],
  method: string,
  path: string,
  body: string,
  headers: IncomingHttpHeaders,
): EndpointReply {
  const [, , , release, type, moId, name] = path.split('/').map(decodeURIComponent);
  const counted = `JSON ${method} ${name ?? ''}`;
  if (!releases.includes(release) || !type || !moId || !name || path.split('/').length !== 7) {
    if (releases.length === 0 && method === 'POST') {
      const fault = invalidRequest('XML document element not well-formed');
      return {
        status: 500,
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        body: encodeFault(fault.fault),
        counted,
      };
    }
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found', counted };
  }
  const self = moref(type, moId);
  const ok = (value: VimValue | undefined, extra: Record<string, string> = {}): EndpointReply =>
    value === undefined
      ? { status: 204, headers: extra, body: '', counted }
      : {
          status: 200,
          headers: { 'Content-Type': 'application/json', ...extra },
          body: JSON.stringify(toJson(value)),
          counted,
        };
  try {
    if (method === 'GET' && type === 'ServiceInstance' && name === 'content') return ok(ctx.inv.content);
    let args: Record<string, Arg | Arg[]> = {};
    if (method === 'POST' && body.trim() !== '') {
      try {
        args = JSON.parse(body) as Record<string, Arg | Arg[]>;
      } catch {
        throw invalidRequest('request body is not JSON');
      }
    }
    if (method === 'POST' && name === 'Login') {
      const session = login(ctx, self, args);
      return ok(userSession(session, headers['user-agent']), { 'vmware-api-session-id': session.token });
    }
    const token = headers['vmware-api-session-id'];
    const session = ctx.sessions.touch(Array.isArray(token) ? token[0] : token);
    if (!session) throw notAuthenticated(ctx.inv.content.fields.sessionManager as MoRef);
    if (method === 'POST' && name === 'Logout') {
      ctx.sessions.remove(session.token);
      return ok(undefined);
    }
    if (method === 'GET') {
      const mo = ctx.inv.get(self);
      if (!mo) throw managedObjectNotFound(self);
      const props = mo.properties();
      if (!(name in props) || ctx.inv.unsupportedPaths(mo).includes(name)) throw invalidProperty(name);
      return ok(props[name]);
    }
    if (method !== 'POST')
      return { status: 405, headers: { 'Content-Type': 'text/plain' }, body: 'Method Not Allowed', counted };
    // The internal esxcli methods are not part of the VI/JSON API (its OpenAPI lists the generated vim25 methods only);
    // how a real vCenter answers them is not captured: the lab answers as for any unknown route.
    if (INTERNAL_METHODS.has(name))
      return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found', counted };
    return ok(invoke(ctx.inv, session, self, name, args));
  } catch (err) {
    if (!(err instanceof VimFault)) throw err;
    // VI/JSON faults carry no faultstring: the text travels in faultMessage, an array of LocalizableMessage
    // (developer.broadcom.com virtual-infrastructure-json-api data-structures/VimFault).
    const faultMessage = err.fault.message
      ? [{ _typeName: 'LocalizableMessage', key: `vim.fault.${err.fault.type}.summary`, message: err.fault.message }]
      : undefined;
    const fault = {
      ...(toJson(data(err.fault.type, err.fault.fields ?? {})) as object),
      ...(faultMessage ? { faultMessage } : {}),
    };
    return { status: 500, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault), counted };
  }
}
