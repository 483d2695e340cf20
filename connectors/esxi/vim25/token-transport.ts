import { CollectError, type CollectStep } from '../../../src/core/connector/errors.js';
import type { HttpEndpoint, HttpResponse } from './http.js';
import type { CallOptions, VimTransport } from './transport.js';
import type { MoRef, VimObject, VimValue } from './value.js';

/** What one call puts on the wire; the session token header is added by TokenTransport. */
export interface WireRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The session handling SOAP and VI/JSON share: every call carries the token the server last gave, Login must yield
 * one, and the session above forgets it after Logout. Each wire protocol says only how a call is encoded, where the
 * token travels and how a response is read.
 */
export abstract class TokenTransport implements VimTransport {
  abstract readonly protocol: VimTransport['protocol'];
  private token?: string;

  constructor(protected readonly http: HttpEndpoint) {}

  get requests(): number {
    return this.http.requests;
  }

  abstract retrieveServiceContent(): Promise<VimObject>;

  /** The request header that carries the session token back to the server. */
  protected abstract readonly tokenHeader: string;
  /** Says, after `<host>: `, that Login answered without a session token. */
  protected abstract readonly noTokenAfterLogin: string;
  protected abstract encode(method: string, self: MoRef, args: Record<string, VimValue | undefined>): WireRequest;
  /** The session token a response sets, exactly as the server gave it, if it sets one. */
  protected abstract tokenFrom(res: HttpResponse): string | undefined;
  protected abstract decode(res: HttpResponse, what: string, step: CollectStep): VimValue | undefined;

  async login(sessionManager: MoRef, userName: string, password: string): Promise<void> {
    this.token = undefined;
    await this.call('Login', sessionManager, { userName, password }, 'auth');
    if (!this.token) throw new CollectError('auth', `${this.http.where}: ${this.noTokenAfterLogin}`);
  }

  invoke(method: string, self: MoRef, args: Record<string, VimValue | undefined> = {}, options: CallOptions = {}) {
    return this.call(method, self, args, 'collect', options);
  }

  forgetSession(): void {
    this.token = undefined;
  }

  hasSession(): boolean {
    return this.token !== undefined;
  }

  protected async call(
    method: string,
    self: MoRef,
    args: Record<string, VimValue | undefined>,
    step: CollectStep,
    options: CallOptions = {},
  ): Promise<VimValue | undefined> {
    const { path, headers, body } = this.encode(method, self, args);
    if (this.token) headers[this.tokenHeader] = this.token;
    const res = await this.http.send({
      method: 'POST',
      path,
      headers,
      body,
      what: method,
      step,
      maxBytes: options.maxBytes,
      signal: options.signal,
    });
    options.onBytes?.(res.body.length);
    const token = this.tokenFrom(res);
    if (token) this.token = token;
    return this.decode(res, method, step);
  }
}

/** A short, safe description of an unexpected body for error messages. */
export function describeBody(res: HttpResponse, textBody: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(textBody)?.[1]?.trim();
  const type = res.contentType.split(';')[0] || 'no content type';
  return ` (${type}${title ? `, page title "${title}"` : ''}, ${res.body.length} bytes)`;
}
