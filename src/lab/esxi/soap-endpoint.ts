import {
  invalidLogin,
  invalidRequest,
  managedObjectNotFound,
  notAuthenticated,
  VimFault,
  argString,
} from './faults.js';
import type { Inventory } from './inventory.js';
import { invoke } from './methods.js';
import type { Session, SessionStore } from './sessions.js';
import { soapSessionFromCookie } from './sessions.js';
import { encodeFault, encodeResponse, parseRequest, SoapParseError, type Arg } from './soap-codec.js';
import { data, MoRef, type VimValue } from './values.js';

export interface Credentials {
  username: string;
  password: string;
}

export interface EndpointReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** What was called, for the request counter (the SOAP method name). */
  counted: string;
}

export interface EndpointContext {
  inv: Inventory;
  sessions: SessionStore;
  credentials: Credentials;
}

export function userSession(session: Session, userAgent: string | undefined): VimValue {
  return data('UserSession', {
    key: session.key,
    userName: session.userName,
    fullName: session.userName === 'root' ? 'Administrator' : session.userName,
    loginTime: session.loginTime,
    lastActiveTime: new Date(session.lastActive).toISOString(),
    locale: 'en',
    messageLocale: 'en',
    extensionSession: false,
    ipAddress: '127.0.0.1',
    userAgent: userAgent ?? '',
    callCount: 0,
  });
}

/** Checks a SessionManager.Login / VI/JSON Login: right object, right credentials. */
export function login(ctx: EndpointContext, self: MoRef, args: Record<string, Arg | Arg[]>): Session {
  const sm = ctx.inv.content.fields.sessionManager as MoRef;
  if (self.type !== 'SessionManager' || self.value !== sm.value) throw managedObjectNotFound(self);
  const user = argString(args.userName) ?? '';
  const password = argString(args.password) ?? '';
  if (user !== ctx.credentials.username || password !== ctx.credentials.password) throw invalidLogin();
  return ctx.sessions.create(user);
}

/** POST /sdk: one vim25 SOAP call. Only RetrieveServiceContent and Login work without a session, as on ESXi. */
export function handleSoap(
  ctx: EndpointContext,
  body: string,
  headers: { cookie?: string; 'user-agent'?: string },
): EndpointReply {
  const xml = { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-cache' };
  let method = '(unparsed)';
  try {
    let request;
    try {
      request = parseRequest(body);
    } catch (err) {
      if (err instanceof SoapParseError) throw invalidRequest(err.message);
      throw err;
    }
    method = request.method;
    const { self, args } = request;
    if (method === 'RetrieveServiceContent') {
      if (self.type !== 'ServiceInstance' || self.value !== 'ServiceInstance') throw managedObjectNotFound(self);
      return { status: 200, headers: xml, body: encodeResponse(method, ctx.inv.content), counted: method };
    }
    if (method === 'Login') {
      const session = login(ctx, self, args);
      return {
        status: 200,
        // As a vCenter 8.0.3 Login answer shows it (trace in govmomi PR #3655): quoted 40-hex value, Path=/, HttpOnly, Secure.
        headers: { ...xml, 'Set-Cookie': `vmware_soap_session="${session.token}"; Path=/; HttpOnly; Secure;` },
        body: encodeResponse(method, userSession(session, headers['user-agent'])),
        counted: method,
      };
    }
    const token = soapSessionFromCookie(headers.cookie);
    const session = ctx.sessions.touch(token);
    if (!session) throw notAuthenticated(ctx.inv.content.fields.sessionManager as MoRef);
    if (method === 'Logout') {
      ctx.sessions.remove(session.token);
      return { status: 200, headers: xml, body: encodeResponse(method, undefined), counted: method };
    }
    const result = invoke(ctx.inv, session, self, method, args);
    return { status: 200, headers: xml, body: encodeResponse(method, result), counted: method };
  } catch (err) {
    if (!(err instanceof VimFault)) throw err;
    return { status: 500, headers: xml, body: encodeFault(err.fault), counted: method };
  }
}
