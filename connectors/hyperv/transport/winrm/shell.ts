import { setTimeout as delay } from 'node:timers/promises';
import { CollectError } from '../../../../src/core/connector/errors.js';
import {
  ACTION,
  attr,
  body,
  buildRequest,
  type Envelope,
  parseEnvelope,
  parseFault,
  text,
  WSMAN_SHELL_QUOTA,
  WSMAN_TIMED_OUT,
} from './soap.js';
import type { MemoryCharge } from '../../../../src/core/connector/types.js';
import type { WinrmTransport } from './transport.js';

export interface ShellRunOptions {
  transport: WinrmTransport;
  /** Endpoint URL for a:To. */
  to: string;
  where: string;
  command: string;
  stdin: string;
  signal: AbortSignal;
  operationTimeoutSeconds: number;
  /** stdout + stderr bytes accepted before the command is stopped. */
  maxOutputBytes: number;
  /** Budget for Signal + Delete, which run even after the caller's signal fired. */
  cleanupTimeoutMs: number;
  /** When the host's budget ends (ms since the epoch): cleanup ends before it, so a hung Delete never fails a host. */
  endsAt?: number;
  /** The scan's memory budget: output bytes held until the command is done are charged here. */
  memory?: MemoryCharge;
  /** Called once the shell exists (authentication done): progress output switches to "collecting". */
  onShellCreated?: () => void;
}

export interface ShellRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Raw stdin bytes per Send: base64 of 64 KiB stays well inside the default 150 KB MaxEnvelopeSize. */
const STDIN_CHUNK = 64 * 1024;

/**
 * Runs one command in a fresh cmd shell: Create (UTF-8 codepage, no profile) → Command → Send stdin (End) →
 * Receive until Done → Signal terminate → Delete. The last two run on every path, because hosts allow only a few
 * shells per user and an abandoned one holds a slot until its idle timeout.
 */
export async function runInShell(o: ShellRunOptions): Promise<ShellRunResult> {
  const call = async (
    step: string,
    action: string,
    payload: string,
    shellId?: string,
    options?: Record<string, string>,
    signal = o.signal,
  ): Promise<Envelope> => {
    const req = buildRequest({
      action,
      to: o.to,
      operationTimeoutSeconds: o.operationTimeoutSeconds,
      shellId,
      options,
      body: payload,
    });
    const reply = await o.transport.post(req.xml, signal, step);
    let env: Envelope;
    try {
      env = parseEnvelope(reply.xml);
    } catch (err) {
      throw new CollectError('parse', `${o.where}: WinRM ${step} reply is not a SOAP envelope (HTTP ${reply.status})`, {
        cause: err,
      });
    }
    const fault = parseFault(env);
    if (fault || reply.status !== 200) throw faultError(o.where, step, fault);
    const relatesTo = text(env.header.RelatesTo);
    if (relatesTo?.toLowerCase() !== req.messageId.toLowerCase()) {
      throw new CollectError(
        'parse',
        `${o.where}: WinRM ${step} reply does not relate to the request (RelatesTo ${relatesTo ?? 'missing'})`,
      );
    }
    return env;
  };

  const created = await call('create shell', ACTION.create, body.createShell(), undefined, {
    WINRS_NOPROFILE: 'TRUE',
    WINRS_CODEPAGE: '65001',
  });
  const shellId = shellIdOf(created);
  if (!shellId) throw new CollectError('parse', `${o.where}: WinRM CreateResponse carries no ShellId`);
  o.onShellCreated?.();
  let commandId: string | undefined;
  try {
    // The command reads stdin to its end: in console mode stdin never reaches end-of-file (the process waits until
    // the host's timeout), so it is a pipe, as Ansible's winrm connection does when it pipes stdin (MS-WSMV 3.1.4.11).
    const started = await call('command', ACTION.command, body.command(o.command), shellId, {
      WINRS_CONSOLEMODE_STDIN: 'FALSE',
      WINRS_SKIP_CMD_SHELL: 'FALSE',
    });
    commandId = text((started.body.CommandResponse as Record<string, unknown> | undefined)?.CommandId);
    if (!commandId) throw new CollectError('parse', `${o.where}: WinRM CommandResponse carries no CommandId`);
    const chunks = stdinChunks(o.stdin);
    for (let i = 0; i < chunks.length; i++) {
      await call('send', ACTION.send, body.send(commandId, chunks[i], i === chunks.length - 1), shellId);
    }
    return await receiveAll(
      o,
      (signal) => call('receive', ACTION.receive, body.receive(commandId!), shellId, undefined, signal),
      commandId,
    );
  } finally {
    const cleanup = AbortSignal.timeout(
      Math.max(1, Math.min(o.cleanupTimeoutMs, (o.endsAt ?? Infinity) - Date.now() - 250)),
    );
    if (commandId)
      await call('signal', ACTION.signal, body.signal(commandId), shellId, undefined, cleanup).catch(() => undefined);
    await call('delete shell', ACTION.delete, '', shellId, undefined, cleanup).catch(() => undefined);
  }
}

/** The last stdin encoded: every host of a scan is sent the same collector payload, so it is encoded once. */
let lastStdin: { stdin: string; chunks: string[] } | undefined;

/** stdin as UTF-8 in STDIN_CHUNK pieces, each base64-encoded for a Send (one empty piece for empty stdin). */
function stdinChunks(stdin: string): string[] {
  if (lastStdin?.stdin !== stdin) {
    const input = Buffer.from(stdin, 'utf8');
    const chunks: string[] = [];
    for (let at = 0; at === 0 || at < input.length; at += STDIN_CHUNK)
      chunks.push(input.subarray(at, at + STDIN_CHUNK).toString('base64'));
    lastStdin = { stdin, chunks };
  }
  return lastStdin.chunks;
}

/** Longest pause between two Receives answered w:TimedOut at once. */
const MAX_TIMED_OUT_BACKOFF_MS = 5_000;

async function receiveAll(
  o: ShellRunOptions,
  receive: (signal: AbortSignal) => Promise<Envelope>,
  commandId: string,
): Promise<ShellRunResult> {
  const out: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
  let total = 0;
  let backoffMs = 0;
  for (;;) {
    let env: Envelope;
    const sent = Date.now();
    try {
      env = await receive(o.signal);
    } catch (err) {
      if (!(err instanceof CollectError && err.code === `wsman:${WSMAN_TIMED_OUT}`)) throw err;
      // Windows answers w:TimedOut only after OperationTimeout without output; a server that answers it at once would
      // be polled in a tight loop (thousands of requests a second). Back off, doubling, until output arrives.
      if (Date.now() - sent < (o.operationTimeoutSeconds * 1000) / 2) {
        backoffMs = Math.min(MAX_TIMED_OUT_BACKOFF_MS, backoffMs === 0 ? 100 : backoffMs * 2);
        await delay(backoffMs, undefined, { signal: o.signal }).catch(() => undefined);
      }
      continue;
    }
    backoffMs = 0;
    const response = (env.body.ReceiveResponse ?? {}) as Record<string, unknown>;
    for (const stream of (response.Stream as unknown[] | undefined) ?? []) {
      const name = attr(stream, 'Name');
      const data = text(stream);
      if ((name !== 'stdout' && name !== 'stderr') || !data) continue;
      if (attr(stream, 'CommandId') && attr(stream, 'CommandId')?.toLowerCase() !== commandId.toLowerCase()) continue;
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(data))
        throw new CollectError('parse', `${o.where}: WinRM ${name} stream is not base64`);
      const chunk = Buffer.from(data, 'base64');
      total += chunk.length;
      if (total > o.maxOutputBytes)
        throw new CollectError('collect', `${o.where}: command output exceeds ${o.maxOutputBytes} bytes; stopped`);
      out[name].push(chunk);
      o.memory?.charge(chunk.length);
    }
    const state = response.CommandState;
    if (attr(state, 'State')?.endsWith('CommandState/Done')) {
      const exit = Number(text((state as Record<string, unknown>).ExitCode) ?? NaN);
      return {
        stdout: Buffer.concat(out.stdout).toString('utf8'),
        stderr: Buffer.concat(out.stderr).toString('utf8'),
        exitCode: Number.isInteger(exit) ? exit : -1,
      };
    }
  }
}

function shellIdOf(env: Envelope): string | undefined {
  const shell = env.body.Shell as Record<string, unknown> | undefined;
  const fromShell = text(shell?.ShellId);
  if (fromShell) return fromShell;
  const ref = (env.body.ResourceCreated as Record<string, unknown> | undefined)?.ReferenceParameters as
    Record<string, unknown> | undefined;
  const selectors =
    ((ref?.SelectorSet as Record<string, unknown> | undefined)?.Selector as unknown[] | undefined) ?? [];
  return text(selectors.find((s) => attr(s, 'Name') === 'ShellId'));
}

function faultError(where: string, step: string, fault: ReturnType<typeof parseFault>): CollectError {
  if (!fault) return new CollectError('collect', `${where}: WinRM ${step} failed with HTTP 500 and no SOAP fault`);
  const what = fault.message || fault.reason || 'no reason given';
  const hint =
    fault.wsmanCode === WSMAN_SHELL_QUOTA
      ? ' (shell quota: close stale shells on the host or raise MaxShellsPerUser)'
      : '';
  return new CollectError(
    'collect',
    `${where}: WinRM ${step} fault ${fault.wsmanCode ?? fault.subcode ?? fault.code ?? '?'}${hint}: ${what}`,
    { code: fault.wsmanCode ? `wsman:${fault.wsmanCode}` : fault.subcode },
  );
}
