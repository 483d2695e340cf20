import type { HostFacts } from '../../src/core/model/index.js';
import type { Target } from '../../src/core/config/schema.js';
import { CollectError, isCollectError } from '../../src/core/connector/errors.js';
import type { CollectContext, Connector } from '../../src/core/connector/types.js';
import { hypervFactsFromOutput, type CollectionMeta } from './facts/facts.js';
import { collectorWithDeadline, LAUNCH_COMMAND, stdinPayload } from './collector/launch.js';

/** What both transports return after running the collector (SSH: ssh.ts, WinRM: winrm/index.ts). */
interface TransportResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  protocol: string;
  serverTrust: CollectionMeta['serverTrust'];
  /** WinRM: HTTP requests sent; SSH: commands run (exec channels). */
  requests: number;
}

/** The collector's stdin payload by host timeout (the soft deadline depends on it), built once per timeout. */
const payloads = new Map<number, string>();

function where(target: Target): string {
  const transport = 'transport' in target ? target.transport : 'unknown transport';
  return `${target.name} (hyperv over ${transport}, ${target.host})`;
}

/**
 * Runs the collector over the target's transport; the transport modules load only when a target needs them. The
 * transport gets what is left of the budget the engine gave at `endsAt`: loading a module takes time (under CPU load,
 * longer than the quarter second a WinRM request keeps in hand), and a transport that counted its budget from after
 * the load would let a hung call run past the engine's deadline, which then fails the host without naming the call.
 */
async function run(target: Target, ctx: CollectContext, stdin: string, endsAt: number): Promise<TransportResult> {
  const left = (): CollectContext => ({ ...ctx, timeoutMs: Math.max(0, endsAt - Date.now()) });
  if (target.platform !== 'hyperv') {
    throw new CollectError(
      'config',
      `${target.name}: the hyperv connector cannot collect a target of platform "${target.platform}"`,
    );
  }
  if (target.transport === 'ssh') {
    const { runOverSsh } = await import('./transport/ssh/ssh.js');
    return runOverSsh(target, left(), LAUNCH_COMMAND, stdin);
  }
  const { runOverWinrm } = await import('./transport/winrm/index.js');
  return runOverWinrm(target, left(), LAUNCH_COMMAND, stdin);
}

/**
 * Hyper-V hosts (Windows Server 2012 R2 → 2025): one PowerShell collector (collector.ps1) run over SSH or WinRM,
 * its framed JSON document parsed into HostFacts. Sections that failed on the host become unknown facts; a host
 * that cannot be reached or returns no readable document throws a CollectError naming the target and the step.
 */
export const hypervConnector: Connector = {
  id: 'hyperv',
  async collect(target: Target, ctx: CollectContext): Promise<void> {
    const endsAt = Date.now() + ctx.timeoutMs;
    let payload = payloads.get(ctx.timeoutMs);
    if (payload === undefined) {
      payload = stdinPayload(collectorWithDeadline(ctx.timeoutMs));
      payloads.set(ctx.timeoutMs, payload);
    }
    const startedAt = new Date().toISOString();
    let result: TransportResult;
    try {
      result = await run(target, ctx, payload, endsAt);
    } catch (err) {
      if (isCollectError(err)) throw err;
      throw new CollectError('collect', `${where(target)}: ${(err as Error).message ?? String(err)}`, { cause: err });
    }
    const meta: CollectionMeta = {
      name: target.name,
      address: target.host,
      protocol: result.protocol,
      serverTrust: result.serverTrust,
      requests: result.requests,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    let facts: HostFacts;
    try {
      facts = hypervFactsFromOutput(result, meta);
    } catch (err) {
      if (!isCollectError(err)) throw err;
      throw new CollectError(err.step, `${where(target)}: ${err.message}`, { cause: err, code: err.code });
    }
    ctx.onHost(facts);
  },
};
