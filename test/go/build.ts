import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { projectFile } from '../../src/core/paths.js';

const BUILD_SCRIPT = projectFile('test/go/build.sh');
/** The Go package the peers share (connect and login); build.sh puts it on GOPATH. */
const SHARED_PACKAGE = projectFile('test/go/vimlogin');
/** The environment variable the peers read the password from (vimlogin.PasswordEnv), never a flag seen in `ps`. */
export const GO_PEER_PASSWORD_ENV = 'HVSCAN_PEER_PASSWORD';
/** A cold build compiles govmomi: about 20 s of CPU, minutes on a loaded machine. */
const BUILD_TIMEOUT_MS = 600_000;
const CACHE = join(process.env.HVSCAN_CACHE_DIR ?? join(tmpdir(), 'hvscan-cache'), 'go');

function goSources(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.go'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Builds the Go program in `sourceDir` (a path from the project root: test/vcsim, test/govmomi-client,
 * bench/govmomi-peer) once per source version into a cache directory, offline with build.sh (Debian's Go and govmomi
 * 0.24.2 in GOPATH mode), and returns the binary path. Parallel callers share one build: the first takes a lock file,
 * the others wait for the binary.
 */
export async function buildGoProgram(sourceDir: string): Promise<string> {
  const dir = projectFile(sourceDir);
  const hash = createHash('sha256');
  for (const f of [...goSources(dir), ...goSources(SHARED_PACKAGE), BUILD_SCRIPT]) hash.update(readFileSync(f));
  const binary = join(CACHE, `${basename(dir)}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;
  mkdirSync(CACHE, { recursive: true });
  const lock = `${binary}.lock`;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (existsSync(binary)) return binary;
      // A lock older than a build can take is left over from a killed run.
      const lockedAt = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > BUILD_TIMEOUT_MS) rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`${sourceDir} build: waited ${BUILD_TIMEOUT_MS} ms for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(binary)) return binary;
    const temp = `${binary}.${process.pid}.tmp`;
    try {
      await promisify(execFile)('sh', [BUILD_SCRIPT, dir, temp], {
        env: { ...process.env, GOCACHE: join(CACHE, 'gocache') },
        timeout: BUILD_TIMEOUT_MS,
      });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(
        `building ${sourceDir} failed (needs apt packages golang-go golang-github-vmware-govmomi-dev golang-github-google-uuid-dev): ${e.stderr || e.message}`,
        { cause: err },
      );
    }
    renameSync(temp, binary);
    return binary;
  } finally {
    rmSync(lock, { force: true });
  }
}
