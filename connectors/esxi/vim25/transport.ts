import type { MoRef, VimObject, VimValue } from './value.js';

export interface CallOptions {
  /** Cap for this response (property-collector pages may be large). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Told the size of each response body (paged retrievals count their bytes). */
  onBytes?: (bytes: number) => void;
}

/**
 * One vim25 wire protocol (SOAP or VI/JSON). Methods throw VimFault for server faults and CollectError for transport,
 * TLS and parse failures; the session above them handles login, re-login and logout.
 */
export interface VimTransport {
  readonly protocol: 'vim25-soap' | 'vi-json';
  /** Requests sent so far on this transport. */
  readonly requests: number;
  retrieveServiceContent(): Promise<VimObject>;
  /** Sends Login and keeps the session token exactly as the server gave it. */
  login(sessionManager: MoRef, userName: string, password: string): Promise<void>;
  invoke(
    method: string,
    self: MoRef,
    args?: Record<string, VimValue | undefined>,
    options?: CallOptions,
  ): Promise<VimValue | undefined>;
  /** Drops the session token (after Logout or when the session is known dead). */
  forgetSession(): void;
  hasSession(): boolean;
}
