import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildGoProgram, GO_PEER_PASSWORD_ENV } from '../go/build.js';

/** Builds test/vcsim once per source version (offline, Debian's govmomi 0.24.2 in GOPATH mode; test/go/build.ts). */
export function buildVcsim(): Promise<string> {
  return buildGoProgram('test/vcsim');
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
  // The password goes in the environment, not on the command line where `ps` shows it; none set accepts any.
  const env = { ...process.env };
  delete env[GO_PEER_PASSWORD_ENV];
  if (options.password) env[GO_PEER_PASSWORD_ENV] = options.password;
  const child: ChildProcess = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
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
