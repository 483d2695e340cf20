import { readFileSync } from 'node:fs';
import type { HypervWinrmTarget } from '../../src/core/config/schema.js';
import {
  FRAME_END,
  FRAME_START,
  LAUNCH_COMMAND,
  loadCollectorScript,
  stdinPayload,
} from '../../connectors/hyperv/collector/launch.js';
import { runOverWinrm, DEFAULT_LIMITS, type WinrmLimits } from '../../connectors/hyperv/transport/winrm/index.js';
import { startWinrmSimulator, type SimulatedWinrmHost } from '../../src/lab/hyperv/winrm-server.js';
import { sshContext } from './ssh-context.js';

export const PASSWORD = 'Winrm-Lab-Pa55!';
export const DOCUMENT = JSON.parse(
  readFileSync(new URL('../fixtures/hyperv/ws2022-hardened.json', import.meta.url), 'utf8'),
) as unknown;

export function startHost(extra: Partial<SimulatedWinrmHost> & Pick<SimulatedWinrmHost, 'https' | 'auth'>) {
  return startWinrmSimulator({
    computerName: 'HV-LAB01',
    accounts: { Administrator: PASSWORD },
    document: DOCUMENT,
    ...extra,
  });
}

export function winrmTarget(
  port: number,
  winrm: HypervWinrmTarget['winrm'],
  extra: Partial<HypervWinrmTarget> = {},
): HypervWinrmTarget {
  return {
    name: 'hv-winrm',
    host: '127.0.0.1',
    port,
    username: 'Administrator',
    platform: 'hyperv',
    transport: 'winrm',
    winrm,
    ...extra,
  };
}

/** Runs the real hvscan launch (bootstrap + collector on stdin) the way the connector does. */
export function collect(
  target: HypervWinrmTarget,
  options: { password?: string; signal?: AbortSignal; limits?: Partial<WinrmLimits>; stdin?: string } = {},
) {
  const ctx = sshContext(
    { username: target.username, password: options.password ?? PASSWORD },
    { signal: options.signal },
  );
  const run = runOverWinrm(target, ctx, LAUNCH_COMMAND, options.stdin ?? stdinPayload(loadCollectorScript()), {
    ...DEFAULT_LIMITS,
    ...options.limits,
  });
  return { ctx, run };
}

export function decodeFrame(stdout: string): unknown {
  const start = stdout.indexOf(FRAME_START);
  const end = stdout.indexOf(FRAME_END, start);
  return JSON.parse(Buffer.from(stdout.slice(start + FRAME_START.length, end), 'base64').toString('utf8'));
}

/** Rejection of a promise, for assertions on CollectError fields. */
export async function failure(promise: Promise<unknown>): Promise<{ step: string; message: string; code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { step: string; message: string; code?: string };
  }
  throw new Error('expected the collection to fail');
}
