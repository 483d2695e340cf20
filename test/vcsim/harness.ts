import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCES = ['main.go', 'managers.go', '../go/build.sh'];
const BUILD_SCRIPT = join(here, '../go/build.sh');
/** A cold build compiles govmomi: about 20 s of CPU, minutes on a loaded machine. */
const BUILD_TIMEOUT_MS = 600_000;
const CACHE = join(process.env.HVSCAN_CACHE_DIR ?? join(tmpdir(), 'hvscan-cache'), 'vcsim');

/**
 * Builds test/vcsim once per source version into a cache directory (offline, Debian's govmomi 0.24.2 in GOPATH
 * mode) and returns the binary path. Test files running in parallel share one build: the first takes a lock file,
 * the others wait for the binary.
 */
export async function buildVcsim(): Promise<string> {
  const hash = createHash('sha256');
  for (const f of SOURCES) hash.update(readFileSync(join(here, f)));
  const binary = join(CACHE, `vcsim-${hash.digest('hex').slice(0, 16)}`);
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
      if (Date.now() > deadline) throw new Error(`vcsim build: waited ${BUILD_TIMEOUT_MS} ms for ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(binary)) return binary;
    const temp = `${binary}.${process.pid}.tmp`;
    await promisify(execFile)(BUILD_SCRIPT, [here, temp], { env: { ...process.env, GOCACHE: join(CACHE, 'gocache') }, timeout: BUILD_TIMEOUT_MS });
    renameSync(temp, binary);
    return binary;
  } finally {
    rmSync(lock, { force: true });
  }
}

export interface VcsimOptions {
  mode: 'esx' | 'vpx';
  hosts?: number;
  machines?: number;
  extras?: boolean;
  user?: string;
  password?: string;
}

export interface Vcsim {
  url: string;
  host: string;
  port: number;
  sha256: string;
  certificatePem: string;
  close(): Promise<void>;
}

/** Starts the simulator on 127.0.0.1 with an ephemeral port and waits for its ready line. */
export async function startVcsim(options: VcsimOptions): Promise<Vcsim> {
  const binary = await buildVcsim();
  const args = [`-mode=${options.mode}`, `-extras=${options.extras ?? true}`];
  if (options.hosts !== undefined) args.push(`-hosts=${options.hosts}`);
  if (options.machines !== undefined) args.push(`-machines=${options.machines}`);
  if (options.user) args.push(`-user=${options.user}`);
  if (options.password) args.push(`-password=${options.password}`);
  const child: ChildProcess = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`vcsim did not start within 30 s: ${stderr}`)), 30_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vcsim exited with ${code}: ${stderr}`));
    });
  });
  const ready = JSON.parse(line) as { url: string; sha256: string; certificate: string };
  const url = new URL(ready.url);
  return {
    url: ready.url,
    host: url.hostname,
    port: Number(url.port),
    sha256: ready.sha256,
    certificatePem: ready.certificate,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
