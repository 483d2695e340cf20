import type { HypervWinrmTarget } from '../../../../src/core/config/schema.js';
import { createTlsAgent } from '../../../../src/core/net/tls.js';
import type { CollectContext } from '../../../../src/core/connector/types.js';
import { CollectError } from '../../../../src/core/connector/errors.js';
import { wrapUpMs } from '../../../../src/core/connector/budget.js';
import { runInShell } from './shell.js';
import { WinrmTransport } from './transport.js';

export interface WinrmRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  protocol: string;
  serverTrust: 'ca' | 'pinned' | 'insecure' | 'none';
  /** HTTP requests sent, NTLM handshake and shell cleanup included. */
  requests: number;
}

export interface WinrmLimits {
  /** stdout + stderr accepted from the collector. */
  maxOutputBytes: number;
  /** One HTTP reply (a WinRM envelope is at most ~150 KB, sealed or not). */
  maxReplyBytes: number;
  operationTimeoutSeconds: number;
  cleanupTimeoutMs: number;
}

export const DEFAULT_LIMITS: WinrmLimits = {
  maxOutputBytes: 32 * 1024 * 1024,
  maxReplyBytes: 4 * 1024 * 1024,
  operationTimeoutSeconds: 20,
  cleanupTimeoutMs: 5000,
};

/**
 * Runs `command` with `stdin` on a Hyper-V host over WinRM (our own WS-Management client): HTTPS (5986) with the
 * target's TLS policy, or HTTP (5985) with NTLM message encryption. Kerberos is not supported yet (docs/winrm.md).
 */
export async function runOverWinrm(
  target: HypervWinrmTarget,
  ctx: CollectContext,
  command: string,
  stdin: string,
  limits: WinrmLimits = DEFAULT_LIMITS,
): Promise<WinrmRunResult> {
  const https = target.winrm.https;
  const port = target.port ?? (https ? 5986 : 5985);
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  const url = `${https ? 'https' : 'http'}://${host}:${port}/wsman`;
  const where = `host ${target.name} (WinRM ${url})`;
  const password = ctx.credentials.password;
  if (password === undefined)
    throw new CollectError(
      'config',
      `${where}: no password resolved for WinRM ${target.winrm.auth} authentication (set passwordEnv or passwordFile)`,
    );
  const tls = https ? createTlsAgent(target.tls, where, true) : undefined;
  const endsAt = Date.now() + ctx.timeoutMs;
  const transport = new WinrmTransport({
    url,
    where,
    auth: target.winrm.auth,
    username: ctx.credentials.username || target.username,
    password,
    httpsAgent: tls?.agent,
    maxReplyBytes: limits.maxReplyBytes,
    requestTimeoutMs: (limits.operationTimeoutSeconds + 10) * 1000,
    endsAt,
    requestsEndBy: endsAt - wrapUpMs(ctx.timeoutMs),
  });
  try {
    ctx.logger.debug(
      `${where}: running the collector (auth ${target.winrm.auth}${https ? '' : ', NTLM message encryption'})`,
    );
    const result = await runInShell({
      transport,
      to: url,
      where,
      command,
      stdin,
      signal: ctx.signal,
      onShellCreated: () => ctx.progress?.('collecting'),
      memory: ctx.memory,
      operationTimeoutSeconds: limits.operationTimeoutSeconds,
      maxOutputBytes: limits.maxOutputBytes,
      cleanupTimeoutMs: limits.cleanupTimeoutMs,
      endsAt,
    });
    const protocol = `winrm-${https ? 'https' : 'http'}-${target.winrm.auth}${https ? '' : '-encrypted'}`;
    return { ...result, protocol, serverTrust: tls ? tls.trust : 'none', requests: transport.requests };
  } finally {
    transport.close();
  }
}
