import { setMaxListeners } from 'node:events';
import axios, { type AxiosError, type AxiosInstance } from 'axios';
import {
  CollectError,
  isCollectError,
  isTransientNetworkCode,
  type CollectStep,
} from '../../../src/core/connector/errors.js';
import type { TlsAgent } from '../../../src/core/net/tls.js';
import type { MemoryCharge } from '../../../src/core/connector/types.js';
import { wrapUpMs } from '../../../src/core/connector/budget.js';

/** Largest response body accepted for ordinary calls; a property-collector page may carry many hosts. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export const MAX_PAGE_BYTES = 64 * 1024 * 1024;

/**
 * Longest wait for one reply. vSphere answers ordinary calls in well under a second and a large property-collector page
 * in seconds; a call still unanswered after this is hung, and failing it alone lets an optional call leave the host
 * partial instead of using up the host's budget.
 */
export const REQUEST_TIMEOUT_MS = 60_000;

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  contentType: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the request does, for error messages ("RetrieveServiceContent"). */
  what: string;
  /** The protocol step a failure of this request belongs to. */
  step: CollectStep;
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * One HTTPS endpoint: a keep-alive agent with the target's TLS policy, the scan's abort signal, a response-size cap,
 * a request counter, and transport failures mapped to CollectErrors that name the host and the step.
 */
export class HttpEndpoint {
  requests = 0;
  /**
   * Sequential round trips, assuming the calls of a concurrent wave take equal time: a request sent while nothing
   * else is in flight starts one, and so does each request that must wait for one of the agent's sockets to free.
   */
  roundTrips = 0;
  private inFlight = 0;
  private readonly client: AxiosInstance;

  /** Follows the scan's signal with one listener; every request listens here instead (a vCenter wave is hundreds). */
  private readonly signal: AbortSignal;

  /** When requests must have their answer: the host's deadline less the wrap-up time. */
  private readonly requestsEndBy: number;
  private readonly hostEndsAt: number;

  constructor(
    readonly baseUrl: string,
    readonly where: string,
    readonly tls: TlsAgent,
    scanSignal: AbortSignal,
    /** Milliseconds left in the host's budget (CollectContext.timeoutMs). */
    budgetMs = REQUEST_TIMEOUT_MS,
    private readonly memory?: MemoryCharge,
  ) {
    this.hostEndsAt = Date.now() + budgetMs;
    this.requestsEndBy = this.hostEndsAt - wrapUpMs(budgetMs);
    const follower = new AbortController();
    const stop = () => {
      follower.abort(scanSignal.reason);
      // Closes every socket of the agent, including one still in the TLS handshake.
      tls.agent.destroy();
    };
    if (scanSignal.aborted) stop();
    else scanSignal.addEventListener('abort', stop, { once: true });
    setMaxListeners(0, follower.signal);
    this.signal = follower.signal;
    this.client = axios.create({
      baseURL: baseUrl,
      httpsAgent: tls.agent,
      proxy: false,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      maxRedirects: 0,
      decompress: true,
    });
  }

  /** Closes the keep-alive sockets once the collection is over. */
  close(): void {
    this.tls.agent.destroy();
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const outer = req.signal ?? this.signal;
    if (outer.aborted) throw abortError(this.where, req.what, outer);
    this.requests++;
    if (this.inFlight++ % this.tls.agent.maxSockets === 0) this.roundTrips++;
    const maxBytes = req.maxBytes ?? MAX_RESPONSE_BYTES;
    // This request's own deadline, so a hung call fails alone and names itself, before the host's budget is spent.
    // A request sent during the wrap-up time (Logout) may use what is left of the budget but a quarter second.
    const now = Date.now();
    const left = this.requestsEndBy > now ? this.requestsEndBy - now : this.hostEndsAt - 250 - now;
    const timeoutMs = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, left));
    const request = new AbortController();
    const follow = () => request.abort(outer.reason);
    outer.addEventListener('abort', follow, { once: true });
    const timer = setTimeout(() => request.abort(new RequestTimeout()), timeoutMs);
    const signal = request.signal;
    try {
      const res = await this.client.request<ArrayBuffer>({
        method: req.method,
        url: req.path,
        headers: req.headers,
        data: req.body,
        signal,
        maxContentLength: maxBytes,
        maxBodyLength: maxBytes,
      });
      const headers = res.headers as Record<string, string | string[] | undefined>;
      // axios hands Node's adapter output over as a Buffer: no copy of every reply.
      const body = Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data);
      this.hold(body.length);
      return { status: res.status, headers, body, contentType: String(headers['content-type'] ?? '') };
    } catch (err) {
      if (signal.reason instanceof RequestTimeout) {
        throw new CollectError(
          'timeout',
          `${this.where}: no answer to ${req.what} within ${(timeoutMs / 1000).toFixed(1)}s (per-request deadline)`,
          { code: 'REQUEST_TIMEOUT', transient: true },
        );
      }
      throw transportError(err, this.where, req, signal, maxBytes);
    } finally {
      this.inFlight--;
      clearTimeout(timer);
      outer.removeEventListener('abort', follow);
    }
  }

  /**
   * Counts a reply against the scan's memory budget until its caller has parsed it: every caller parses synchronously
   * in the continuation of `send`, which runs before the next turn of the event loop.
   */
  private hold(bytes: number): void {
    const memory = this.memory;
    if (!memory || bytes === 0) return;
    memory.charge(bytes);
    setImmediate(() => memory.release(bytes));
  }
}

class RequestTimeout extends Error {
  override readonly name = 'RequestTimeout';
}

function abortError(where: string, what: string, signal: AbortSignal): CollectError {
  const reason = signal.reason as { name?: string } | undefined;
  const timedOut = reason?.name === 'TimeoutError';
  return new CollectError(
    timedOut ? 'timeout' : 'aborted',
    `${where}: ${timedOut ? 'timed out' : 'aborted'} waiting for ${what}`,
    { cause: signal.reason, transient: timedOut },
  );
}

const TLS_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_|ERR_SSL_|EPROTO$)/;
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

function findCode(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && e.code !== 'ERR_BAD_RESPONSE' && e.code !== 'ERR_BAD_REQUEST') return e.code;
  }
  return (err as { code?: string }).code;
}

function transportError(
  err: unknown,
  where: string,
  req: HttpRequest,
  signal: AbortSignal,
  maxBytes: number,
): CollectError {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isCollectError(e)) return e;
  }
  if (signal.aborted || axios.isCancel(err)) return abortError(where, req.what, signal);
  const ax = err as AxiosError;
  const code = findCode(err);
  const message = ax.message ?? String(err);
  const cause = safeCause(message, code);
  if (/maxContentLength/.test(message)) {
    return new CollectError(
      req.step === 'connect' ? 'parse' : req.step,
      `${where}: response to ${req.what} exceeds ${maxBytes} bytes; refused`,
      { cause, code: 'RESPONSE_TOO_LARGE' },
    );
  }
  if (code && TLS_CODES.test(code)) {
    return new CollectError('tls', `${where}: TLS verification failed during ${req.what}: ${message} (${code})`, {
      cause,
      code,
    });
  }
  if (code && CONNECT_CODES.has(code)) {
    return new CollectError('connect', `${where}: cannot connect for ${req.what}: ${message}`, {
      cause,
      code,
      transient: isTransientNetworkCode(code),
    });
  }
  if (
    code === 'ECONNRESET' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    /socket hang up|aborted/i.test(message)
  ) {
    return new CollectError(req.step, `${where}: connection reset during ${req.what}: ${message}`, {
      cause,
      code: code ?? 'ECONNRESET',
      transient: true,
    });
  }
  return new CollectError(req.step, `${where}: ${req.what} failed: ${message}`, { cause, code });
}

/**
 * The axios error is not kept as cause: its config holds the request headers (session cookie or token) and body (the
 * Login password). Only its message and code travel on.
 */
function safeCause(message: string, code: string | undefined): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}
