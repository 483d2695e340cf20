import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectFile } from '../../../src/core/paths.js';
import type { EsxiSimulator } from '../../../src/lab/esxi/index.js';

const run = promisify(execFile);
const SOURCE_DIR = projectFile('test/govmomi-client');
const BUILD_SCRIPT = projectFile('test/go/build.sh');
const CACHE_DIR = projectFile('node_modules/.cache/hvscan-govmomi-probe');
const BINARY = join(CACHE_DIR, 'govmomi-probe');

/**
 * Builds test/govmomi-client once (Debian's golang-go + golang-github-vmware-govmomi-dev, offline GOPATH mode) into a
 * cache directory, and rebuilds only when its sources are newer than the binary.
 */
export async function ensureProbe(): Promise<string> {
  const newest = Math.max(...[join(SOURCE_DIR, 'main.go'), BUILD_SCRIPT].map((f) => statSync(f).mtimeMs));
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs >= newest) return BINARY;
  mkdirSync(CACHE_DIR, { recursive: true });
  try {
    await run('sh', [BUILD_SCRIPT, SOURCE_DIR, BINARY], { env: { ...process.env, GOCACHE: join(CACHE_DIR, 'gocache') }, timeout: 240_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(
      `building test/govmomi-client failed (needs apt packages golang-go golang-github-vmware-govmomi-dev golang-github-google-uuid-dev): ${e.stderr || e.message}`,
      { cause: err },
    );
  }
  return BINARY;
}

/** Runs the probe against a simulator, pinning its SHA-1 thumbprint, and returns the decoded report. */
export async function probe(binary: string, sim: EsxiSimulator, pageSize = 2): Promise<any> {
  const { stdout } = await run(
    binary,
    ['-url', sim.url, '-user', sim.username, '-password', sim.password, '-thumbprint', sim.thumbprintSha1, '-page', String(pageSize)],
    { timeout: 30_000 },
  );
  return JSON.parse(stdout);
}
