import http from 'node:http';
import type https from 'node:https';
import type { TLSSocket } from 'node:tls';
import axios, { type AxiosResponse } from 'axios';
import { CollectError, isCollectError, isTransientNetworkCode } from '../../../../src/core/connector/errors.js';
import { decryptMessage, encryptMessage, ENCRYPTED_CONTENT_TYPE, isEncryptedContentType } from './encryption.js';
import { channelBindingHash } from './ntlm/channel-binding.js';
import { NtlmClient } from './ntlm/client.js';
import type { NtlmSessionSecurity } from './ntlm/session.js';

export interface TransportOptions {
  url: string;
  /** Names the host and endpoint in every error. */
  where: string;
  auth: 'basic' | 'ntlm';
  username: string;
  password: string;
  /** createTlsAgent's agent for https; a private keep-alive agent is made for http. */
  httpsAgent?: https.Agent;
  /** Largest HTTP reply accepted (a WinRM envelope is at most ~150 KB). */
  maxReplyBytes: number;
  /** Per request, on top of the caller's AbortSignal. */
  requestTimeoutMs: number;
  /** When the host's budget ends (ms since the epoch): a request times out, naming its step, a quarter second before. */
  endsAt?: number;
  /**
   * When requests must have their answer (endsAt less the wrap-up time, wrapUpMs): a hung call fails then, early
   * enough to reach the engine before its deadline; one sent later (Signal, Delete) may use what is left of endsAt.
   */
  requestsEndBy?: number;
}

export interface WinrmReply {
  status: number;
  xml: string;
}

const SOAP_CONTENT_TYPE = 'application/soap+xml;charset=UTF-8';

/**
 * One authenticated WinRM HTTP connection. NTLM authenticates the TCP connection, so requests go one at a time over a
 * single keep-alive socket; over plain HTTP every message is sealed with NTLM session security. Tokens and the
 * Authorization header never appear in errors or logs.
 */
export class WinrmTransport {
  private readonly agent: http.Agent;
  private readonly encrypt: boolean;
  private session?: NtlmSessionSecurity;
  private ntlmReady = false;
  /** HTTP requests sent so far, NTLM handshake and cleanup included (facts.collection.requests). */
  requests = 0;

  constructor(private readonly opts: TransportOptions) {
    const isHttps = opts.url.startsWith('https:');
    if (!isHttps && opts.auth === 'basic') {
      throw new CollectError(
        'config',
        `${opts.where}: Basic authentication over plain HTTP would send the password and all data in clear; use winrm.https or winrm.auth "ntlm"`,
      );
    }
    this.agent = isHttps && opts.httpsAgent ? opts.httpsAgent : new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.agent.maxSockets = 1;
    this.encrypt = !isHttps && opts.auth === 'ntlm';
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * Posts one SOAP message; returns HTTP 200 and 500 replies (500 carries a WS-Man fault), throws on anything else.
   * `step` ("create shell", "receive") names the exchange in errors.
   */
  async post(xml: string, signal: AbortSignal, step = 'request'): Promise<WinrmReply> {
    if (this.opts.auth === 'basic')
      return this.finish(await this.send(Buffer.from(xml, 'utf8'), this.basicHeader(), signal, step), step);
    for (let attempt = 0; ; attempt++) {
      if (!this.ntlmReady) await this.handshake(signal);
      const plain = Buffer.from(xml, 'utf8');
      const data = this.session && this.encrypt ? encryptMessage(plain, this.session) : plain;
      const reply = await this.send(data, this.encrypt ? { 'Content-Type': ENCRYPTED_CONTENT_TYPE } : {}, signal, step);
      // A new TCP connection (server closed the old one) is unauthenticated: authenticate it once more.
      if (reply.status === 401 && attempt === 0) {
        this.ntlmReady = false;
        continue;
      }
      return this.finish(reply, step);
    }
  }

  private basicHeader(): Record<string, string> {
    return {
      Authorization: 'Basic ' + Buffer.from(`${this.opts.username}:${this.opts.password}`, 'utf8').toString('base64'),
    };
  }

  private async handshake(signal: AbortSignal): Promise<void> {
    const ntlm = new NtlmClient();
    const first = await this.send(
      Buffer.alloc(0),
      { Authorization: 'Negotiate ' + ntlm.negotiate().toString('base64') },
      signal,
      'NTLM negotiate',
    );
    const offered = String(first.headers['www-authenticate'] ?? '');
    const token = /(?:^|,)\s*(?:Negotiate|NTLM) ([A-Za-z0-9+/=]+)/.exec(offered)?.[1];
    if (first.status !== 401 || !token) {
      throw new CollectError(
        'auth',
        `${this.opts.where}: NTLM negotiation failed: HTTP ${first.status}, server offers ${schemes(offered)}`,
      );
    }
    let step: ReturnType<NtlmClient['authenticate']>;
    try {
      // Over HTTPS, bind the authentication to the server certificate this connection verified (Extended Protection).
      const certificate = (first.request as { socket?: TLSSocket } | undefined)?.socket?.getPeerCertificate?.()?.raw;
      step = ntlm.authenticate(
        Buffer.from(token, 'base64'),
        { username: this.opts.username, password: this.opts.password },
        {
          requireSessionSecurity: this.encrypt,
          channelBinding: certificate ? channelBindingHash(certificate) : undefined,
        },
      );
    } catch (err) {
      throw new CollectError('auth', `${this.opts.where}: NTLM challenge unusable: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const done = await this.send(
      Buffer.alloc(0),
      { Authorization: 'Negotiate ' + step.message.toString('base64') },
      signal,
      'NTLM authenticate',
    );
    // Only a renewed 401 means refusal; the empty body itself is what pywinrm sends to set up encryption.
    if (done.status === 401)
      throw new CollectError(
        'auth',
        `${this.opts.where}: NTLM authentication refused (HTTP 401): wrong user name or password, or the account may not use WinRM`,
      );
    this.session = step.session;
    this.ntlmReady = true;
  }

  private finish(reply: AxiosResponse<Buffer>, step: string): WinrmReply {
    const where = `${this.opts.where}: WinRM ${step}`;
    if (reply.status === 401) throw new CollectError('auth', `${where}: credentials rejected (HTTP 401)`);
    if (reply.status !== 200 && reply.status !== 500)
      throw new CollectError('collect', `${where}: unexpected HTTP ${reply.status} from the WinRM endpoint`);
    const encrypted = isEncryptedContentType(String(reply.headers['content-type'] ?? ''));
    if (this.encrypt && !encrypted && reply.status === 200)
      throw new CollectError('parse', `${where}: unencrypted reply on an NTLM-encrypted session`);
    // responseType 'arraybuffer' yields a Buffer in Node: no copy needed.
    let body: Buffer = Buffer.isBuffer(reply.data) ? reply.data : Buffer.from(reply.data);
    if (encrypted) {
      if (!this.session) throw new CollectError('parse', `${where}: encrypted reply without an NTLM session`);
      try {
        body = decryptMessage(body, this.session);
      } catch (err) {
        throw new CollectError('parse', `${where}: cannot decrypt the WinRM reply: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    return { status: reply.status, xml: body.toString('utf8') };
  }

  private async send(
    data: Buffer,
    headers: Record<string, string>,
    signal: AbortSignal,
    step: string,
  ): Promise<AxiosResponse<Buffer>> {
    this.requests++;
    const now = Date.now();
    const { requestsEndBy = Infinity, endsAt = Infinity } = this.opts;
    const left = requestsEndBy > now ? requestsEndBy - now : endsAt - 250 - now;
    const timeoutMs = Math.max(1, Math.min(this.opts.requestTimeoutMs, left));
    try {
      return await axios.request<Buffer>({
        method: 'POST',
        url: this.opts.url,
        data,
        headers: { 'Content-Type': SOAP_CONTENT_TYPE, 'User-Agent': 'hvscan', Connection: 'keep-alive', ...headers },
        httpAgent: this.agent,
        httpsAgent: this.agent,
        proxy: false,
        responseType: 'arraybuffer',
        decompress: false,
        maxRedirects: 0,
        maxContentLength: this.opts.maxReplyBytes,
        timeout: timeoutMs,
        signal,
        validateStatus: () => true,
      });
    } catch (err) {
      throw this.describe(err, signal, step, timeoutMs);
    }
  }

  /** Maps a request failure to a CollectError. The axios error is not kept as cause: its config holds the Authorization header. */
  private describe(err: unknown, signal: AbortSignal, step: string, timeoutMs: number): CollectError {
    const where = `${this.opts.where}: WinRM ${step}`;
    for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) if (isCollectError(e)) return e;
    if (signal.aborted) {
      const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      return new CollectError(timedOut ? 'timeout' : 'aborted', `${where}: ${timedOut ? 'timed out' : 'aborted'}`);
    }
    const e = err as { code?: string; message?: string };
    const message = e.message ?? String(err);
    if (message.includes('maxContentLength'))
      return new CollectError('collect', `${where}: WinRM reply larger than ${this.opts.maxReplyBytes} bytes; refused`);
    if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT')
      return new CollectError('timeout', `${where}: no WinRM reply within ${timeoutMs} ms (per-request deadline)`, {
        transient: true,
      });
    if (/CERT|SSL|TLS|certificate|self.signed/i.test(`${e.code ?? ''} ${message}`))
      return new CollectError('tls', `${where}: TLS verification failed: ${message}`, { code: e.code });
    return new CollectError('connect', `${where}: cannot reach the WinRM endpoint: ${message}`, {
      transient: isTransientNetworkCode(e.code),
      code: e.code,
    });
  }
}

/** The scheme names a server offers, without any token data. */
function schemes(header: string): string {
  const names = header
    .split(',')
    .map((s) => s.trim().split(' ')[0])
    .filter(Boolean);
  return names.length ? names.join(', ') : 'no authentication scheme';
}
