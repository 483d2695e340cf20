import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { hostKeyFingerprint, hostKeyType } from '../../../../src/core/net/host-key.js';
import { readBoundedFile } from '../../../../src/core/config/bounded-file.js';

/**
 * SSH host key checks for the Hyper-V SSH transport: a pinned fingerprint or an OpenSSH known_hosts file
 * (plain and hashed `|1|` host patterns, `[host]:port` for non-default ports, `@revoked`), with explicit
 * trust-on-first-use. The verdict is decided from the raw key blob the server sends during key exchange,
 * before any authentication.
 */

export type HostKeyTrust = 'host-key-pinned' | 'known-hosts' | 'trust-on-first-use';
export type HostKeyRefusal = 'HOST_KEY_MISMATCH' | 'HOST_KEY_UNKNOWN' | 'HOST_KEY_REVOKED';

export type HostKeyVerdict =
  | { accepted: true; trust: HostKeyTrust; fingerprint: string; keyType: string }
  | { accepted: false; code: HostKeyRefusal; message: string };

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority';
  patterns: string[];
  keyType: string;
  key: Buffer;
  line: number;
}

export interface HostKeyPolicy {
  /** "SHA256:<base64>" from ssh.hostKeyFingerprint; when set it alone decides. */
  pin?: string;
  knownHostsFile?: string;
  knownHosts: KnownHostEntry[];
  trustOnFirstUse: boolean;
}

/** The name OpenSSH looks up in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields.shift() === '@revoked' ? 'revoked' : 'cert-authority';
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return;
    entries.push({
      marker,
      patterns: hosts.split(','),
      keyType,
      key: Buffer.from(keyBase64, 'base64'),
      line: index + 1,
    });
  });
  return entries;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return globToRegExp(pattern).test(name);
}

/** OpenSSH semantics: any matching negated pattern (`!pat`) excludes the line; otherwise one positive match is enough. */
export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('!')) {
      if (patternMatches(pattern.slice(1), name)) return false;
    } else if (patternMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** ssh2's default order, most preferred first. */
const DEFAULT_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Host key algorithms to offer, the types already recorded for the host first, so a server with several host keys
 * presents one we know (as OpenSSH does). Undefined when nothing is recorded: ssh2's defaults apply.
 */
export function hostKeyAlgorithmOrder(policy: HostKeyPolicy, name: string): ServerHostKeyAlgorithm[] | undefined {
  const known = new Set<ServerHostKeyAlgorithm>();
  for (const entry of policy.knownHosts) {
    if (entry.marker || !entryMatchesHost(entry, name)) continue;
    if (entry.keyType === 'ssh-rsa')
      (['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] as const).forEach((a) => known.add(a));
    else if ((DEFAULT_HOST_KEY_ALGORITHMS as string[]).includes(entry.keyType))
      known.add(entry.keyType as ServerHostKeyAlgorithm);
  }
  if (known.size === 0) return undefined;
  return [...known, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !known.has(a))];
}

export function checkHostKey(policy: HostKeyPolicy, name: string, keyBlob: Buffer): HostKeyVerdict {
  const fingerprint = hostKeyFingerprint(keyBlob);
  const keyType = hostKeyType(keyBlob);
  const offered = `${keyType} ${fingerprint}`;
  if (policy.pin) {
    if (policy.pin.replace(/=+$/, '') === fingerprint)
      return { accepted: true, trust: 'host-key-pinned', fingerprint, keyType };
    return {
      accepted: false,
      code: 'HOST_KEY_MISMATCH',
      message: `host key of ${name} is ${offered} but ssh.hostKeyFingerprint pins ${policy.pin}; refusing to connect (the key changed, this is not the host, or the pin is of another of its keys: pin the ${keyType} key)`,
    };
  }
  const forHost = policy.knownHosts.filter((e) => e.marker !== 'cert-authority' && entryMatchesHost(e, name));
  const file = policy.knownHostsFile ?? 'known_hosts';
  const revoked = policy.knownHosts.find((e) => e.marker === 'revoked' && e.key.equals(keyBlob));
  if (revoked) {
    return {
      accepted: false,
      code: 'HOST_KEY_REVOKED',
      message: `host key of ${name} (${offered}) is marked @revoked in ${file} line ${revoked.line}`,
    };
  }
  const known = forHost.filter((e) => !e.marker);
  if (known.some((e) => e.key.equals(keyBlob))) return { accepted: true, trust: 'known-hosts', fingerprint, keyType };
  if (known.length > 0) {
    const recorded = known.map((e) => `${e.keyType} ${hostKeyFingerprint(e.key)} (line ${e.line})`).join(', ');
    return {
      accepted: false,
      code: 'HOST_KEY_MISMATCH',
      message: `HOST KEY CHANGED for ${name}: the server offered ${offered} but ${file} records ${recorded}; refusing to connect (possible man-in-the-middle; if the host was reinstalled, remove the old entry)`,
    };
  }
  if (policy.trustOnFirstUse) return { accepted: true, trust: 'trust-on-first-use', fingerprint, keyType };
  const where = policy.knownHostsFile
    ? `not in ${policy.knownHostsFile}`
    : 'no ssh.knownHostsFile or ssh.hostKeyFingerprint configured';
  return {
    accepted: false,
    code: 'HOST_KEY_UNKNOWN',
    message: `host key of ${name} is unknown (${offered}; ${where}); pin it with ssh.hostKeyFingerprint, add it to ssh.knownHostsFile, or set ssh.trustOnFirstUse to record it`,
  };
}

/** `~/.ssh/known_hosts` as OpenSSH users write it. */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

export async function loadHostKeyPolicy(
  ssh: { hostKeyFingerprint?: string; knownHostsFile?: string; trustOnFirstUse?: boolean } = {},
): Promise<HostKeyPolicy> {
  let knownHosts: KnownHostEntry[] = [];
  const knownHostsFile = ssh.knownHostsFile ? expandHome(ssh.knownHostsFile) : undefined;
  if (knownHostsFile && !ssh.hostKeyFingerprint) {
    try {
      knownHosts = parseKnownHosts(await readBoundedFile(knownHostsFile));
    } catch (err) {
      // A missing file is an empty one when trust-on-first-use will create it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !ssh.trustOnFirstUse) throw err;
    }
  }
  return { pin: ssh.hostKeyFingerprint, knownHostsFile, knownHosts, trustOnFirstUse: ssh.trustOnFirstUse === true };
}

/** Records a key accepted on first use, in the plain known_hosts format OpenSSH reads. */
export async function recordKnownHost(file: string, name: string, keyBlob: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const existing = await readFile(file, 'utf8');
    if (existing.length > 0 && !existing.endsWith('\n')) prefix = '\n';
  } catch {
    // The file does not exist yet; appendFile creates it.
  }
  await appendFile(file, `${prefix}${name} ${hostKeyType(keyBlob)} ${keyBlob.toString('base64')}\n`, { mode: 0o600 });
}
