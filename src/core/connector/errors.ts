/** The step of a collection that failed; it names where in every error message. */
export type CollectStep = 'config' | 'connect' | 'tls' | 'auth' | 'collect' | 'parse' | 'timeout' | 'aborted';

/**
 * A collection failure at a named step. `transient` marks errors worth a retry (reset, timeout before any response).
 */
export class CollectError extends Error {
  readonly step: CollectStep;
  readonly transient: boolean;
  readonly code?: string;
  constructor(
    step: CollectStep,
    message: string,
    options: { cause?: unknown; transient?: boolean; code?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CollectError';
    this.step = step;
    this.transient = options.transient ?? false;
    this.code = options.code;
  }
}

export function isCollectError(err: unknown): err is CollectError {
  return err instanceof CollectError;
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * The retry policy of every transport (docs/reliability.md): a connection reset or dropped mid-exchange, a reply that
 * did not come in time and a temporary DNS failure may work on a second attempt; a refused connection, an unknown
 * name, an unreachable host or network, TLS, authentication and protocol errors will not, and are never retried.
 */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code);
}
