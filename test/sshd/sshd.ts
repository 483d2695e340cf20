import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';
const STANDIN = join(dirname(fileURLToPath(import.meta.url)), 'powershell.exe');

/** What the stand-in powershell.exe expects and answers (written to standin.json). */
export interface StandinConfig {
  bootstrap: string;
  frameStart: string;
  frameEnd: string;
  marker: string;
  /** The JSON text the stand-in frames as the collector's document. */
  document: string;
}

export interface PrivateSshd {
  port: number;
  username: string;
  dir: string;
  /** Host key fingerprint as `ssh-keygen -lf` prints it (computed by OpenSSH, not by us). */
  hostKeyFingerprint: string;
  /** Contents of the host key's .pub file: "ssh-ed25519 AAAA... comment". */
  hostPublicKey: string;
  /** The server's second host key (ECDSA P-256), "ecdsa-sha2-nistp256 AAAA... comment", with its fingerprint. */
  ecdsaHostPublicKey: string;
  ecdsaHostKeyFingerprint: string;
  clientKeyPath: string;
  /** A second authorized client key, encrypted with `clientKeyPassphrase`. */
  encryptedClientKeyPath: string;
  clientKeyPassphrase: string;
  setStandin(config: StandinConfig): void;
  /** The script the stand-in decoded from stdin on its last successful run. */
  receivedScript(): string;
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function keygen(path: string, passphrase = '', type = 'ed25519'): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'hvscan-test', '-f', path]);
}

function waitForListening(child: ChildProcess, output: () => string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start within 10 s:\n${output()}`)), 10_000);
    const check = () => {
      if (output().includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${output()}`));
    });
  });
}

export interface PrivateSshdOptions {
  /** The program installed as powershell.exe (default: the python stand-in beside this file). */
  powershell?: string;
  /** Extra environment for sessions (sshd SetEnv; values without spaces). */
  env?: Record<string, string>;
}

/**
 * Starts Debian's OpenSSH server as a private instance on 127.0.0.1 (ephemeral port, own host key, own authorized
 * keys, no PAM), with the stand-in powershell.exe first on the session PATH. Key authentication only.
 */
export async function startPrivateSshd(options: PrivateSshdOptions = {}): Promise<PrivateSshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} not found: install Debian's openssh-server`);
  // sshd running as root insists on its privilege-separation directory.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-sshd-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  copyFileSync(options.powershell ?? STANDIN, join(bin, 'powershell.exe'));
  chmodSync(join(bin, 'powershell.exe'), 0o755);

  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const ecdsaHostKey = join(dir, 'ssh_host_ecdsa_key');
  const clientKeyPath = join(dir, 'client_ed25519');
  const encryptedClientKeyPath = join(dir, 'client_encrypted_ed25519');
  const clientKeyPassphrase = 'correct horse battery staple';
  await Promise.all([
    keygen(hostKey),
    keygen(ecdsaHostKey, '', 'ecdsa'),
    keygen(clientKeyPath),
    keygen(encryptedClientKeyPath, clientKeyPassphrase),
  ]);
  writeFileSync(
    join(dir, 'authorized_keys'),
    readFileSync(`${clientKeyPath}.pub`, 'utf8') + readFileSync(`${encryptedClientKeyPath}.pub`, 'utf8'),
  );
  const fingerprint = async (pub: string) =>
    (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', pub])).stdout.split(/\s+/)[1];

  const launch = async (port: number) => {
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `HostKey ${ecdsaHostKey}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `SetEnv PATH=${bin}:/usr/bin:/bin HVSCAN_STANDIN_DIR=${dir}${Object.entries(options.env ?? {})
        .map(([k, v]) => ` ${k}=${v}`)
        .join('')}`,
      'LogLevel VERBOSE',
    ];
    writeFileSync(join(dir, 'sshd_config'), config.join('\n') + '\n');
    const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await waitForListening(child, () => output, port);
    } catch (err) {
      if (child.exitCode === null) child.kill('SIGTERM');
      throw err;
    }
    return { child, output: () => output };
  };
  // The free port is released before sshd binds it; another process may take it in between, so try a few.
  let started: Awaited<ReturnType<typeof launch>> | undefined;
  let port = 0;
  for (let attempt = 1; !started; attempt++) {
    port = await freePort();
    try {
      started = await launch(port);
    } catch (err) {
      if (attempt >= 3 || !/Address already in use/.test(String(err))) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  const { child, output } = started;

  return {
    port,
    username: userInfo().username,
    dir,
    hostKeyFingerprint: await fingerprint(`${hostKey}.pub`),
    hostPublicKey: readFileSync(`${hostKey}.pub`, 'utf8').trim(),
    ecdsaHostKeyFingerprint: await fingerprint(`${ecdsaHostKey}.pub`),
    ecdsaHostPublicKey: readFileSync(`${ecdsaHostKey}.pub`, 'utf8').trim(),
    clientKeyPath,
    encryptedClientKeyPath,
    clientKeyPassphrase,
    setStandin: (standin) => writeFileSync(join(dir, 'standin.json'), JSON.stringify(standin)),
    receivedScript: () => readFileSync(join(dir, 'received-script.ps1'), 'utf8'),
    log: output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
