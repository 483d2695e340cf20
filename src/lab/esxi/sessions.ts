import { randomBytes, randomUUID } from 'node:crypto';
import type { Data } from './values.js';

export interface Session {
  key: string;
  /** The opaque token: the `vmware_soap_session` cookie value on SOAP, `vmware-api-session-id` on REST and VI/JSON. */
  token: string;
  userName: string;
  loginTime: string;
  lastActive: number;
  /** RetrievePropertiesEx pages not yet fetched, by token. */
  pages: Map<string, Data[][]>;
}

/** Logged-in sessions, expiring after `idleMs` without a call (like the host's soap.sessionTimeout) or on demand. */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  constructor(private readonly idleMs: number) {}

  create(userName: string): Session {
    const session: Session = {
      key: randomUUID(),
      token: randomBytes(20).toString('hex'),
      userName,
      loginTime: new Date().toISOString(),
      lastActive: Date.now(),
      pages: new Map(),
    };
    this.byToken.set(session.token, session);
    return session;
  }

  /** The live session for a token, refreshing its idle timer; undefined when unknown or expired. */
  touch(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const session = this.byToken.get(token);
    if (!session) return undefined;
    if (Date.now() - session.lastActive > this.idleMs) {
      this.byToken.delete(token);
      return undefined;
    }
    session.lastActive = Date.now();
    return session;
  }

  remove(token: string): void {
    this.byToken.delete(token);
  }

  /** Ends every session, as a host restart or an administrator would: the next call faults with NotAuthenticated. */
  expireAll(): void {
    this.byToken.clear();
  }

  get size(): number {
    return this.byToken.size;
  }
}

/** The `vmware_soap_session` value from a Cookie header; hosts quote it, clients may replay it with or without quotes. */
export function soapSessionFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'vmware_soap_session') return rest.join('=').replace(/^"|"$/g, '');
  }
  return undefined;
}
