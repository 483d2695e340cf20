import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BOOTSTRAP,
  encodeCommand,
  loadCollectorScript,
  stdinPayload,
} from '../../../connectors/hyperv/collector/launch.js';
import { projectFile } from '../../../src/core/paths.js';
import type { MockHost } from './host-fixtures.js';

export const MOCKS = projectFile('test/hyperv/pwsh/mocks.ps1');

export interface PwshRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Mocked command → number of calls. */
  calls: Record<string, number>;
  wallMs: number;
}

export interface RunOptions {
  /** Script text to run instead of collector.ps1. */
  script?: string;
  /** "<base ms>,<ms per item>" latency per mocked call (bench). */
  latency?: string;
  /** Commands the latency applies to (default: all). */
  latencyOnly?: string[];
  timeoutMs?: number;
}

/** The pwsh arguments that preload the mocks and then run hvscan's own bootstrap (stdin: the script as base64). */
export function mockedLaunchArgs(): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', encodeCommand(`. '${MOCKS}'\n${BOOTSTRAP}`)];
}

/** Runs the collector (or `script`) under real pwsh on a mock host, fed exactly as over SSH and WinRM. */
export async function runUnderPwsh(pwsh: string, host: MockHost, options: RunOptions = {}): Promise<PwshRun> {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-pwsh-'));
  const hostFile = join(dir, 'host.json');
  const callsFile = join(dir, 'calls.txt');
  writeFileSync(hostFile, JSON.stringify(host));
  writeFileSync(callsFile, '');
  const started = performance.now();
  try {
    const child = spawn(pwsh, mockedLaunchArgs(), {
      env: {
        ...process.env,
        HVSCAN_MOCK_HOST: hostFile,
        HVSCAN_MOCK_CALLS: callsFile,
        HVSCAN_MOCK_LATENCY: options.latency ?? '',
        HVSCAN_MOCK_LATENCY_ONLY: (options.latencyOnly ?? []).join(','),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(stdinPayload(options.script ?? loadCollectorScript()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code ?? -1));
    }).finally(() => clearTimeout(timer));
    const calls: Record<string, number> = {};
    for (const line of readFileSync(callsFile, 'utf8').split('\n')) {
      const name = line.split(' ')[0];
      if (name) calls[name] = (calls[name] ?? 0) + 1;
    }
    return { stdout, stderr, exitCode, calls, wallMs: performance.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSON document inside the collector's frame (for assertions on raw fields). */
export function frameJson(stdout: string): Record<string, any> {
  const m = stdout.match(/<<HVSCAN:1:([A-Za-z0-9+/=]+):HVSCAN>>/);
  if (!m) throw new Error(`no frame in pwsh output: ${stdout.slice(0, 500)}`);
  return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
}
