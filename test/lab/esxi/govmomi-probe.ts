import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildGoProgram, GO_PEER_PASSWORD_ENV } from '../../go/build.js';
import type { EsxiSimulator } from '../../../src/lab/esxi/index.js';

const run = promisify(execFile);

/** Builds test/govmomi-client once per source version (Debian's go and govmomi, offline; test/go/build.ts). */
export function ensureProbe(): Promise<string> {
  return buildGoProgram('test/govmomi-client');
}

/** Runs the probe against a simulator, pinning its SHA-1 thumbprint, and returns the decoded report. */
export async function probe(binary: string, sim: EsxiSimulator, pageSize = 2): Promise<any> {
  const { stdout } = await run(
    binary,
    ['-url', sim.url, '-user', sim.username, '-thumbprint', sim.thumbprintSha1, '-page', String(pageSize)],
    { timeout: 30_000, env: { ...process.env, [GO_PEER_PASSWORD_ENV]: sim.password } },
  );
  return JSON.parse(stdout);
}
