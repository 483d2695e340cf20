import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  hostKeyAlgorithmOrder,
  knownHostsName,
  loadHostKeyPolicy,
  parseKnownHosts,
  recordKnownHost,
  type HostKeyPolicy,
} from '../../connectors/hyperv/transport/ssh/ssh-hostkey.js';
import { hostKeyFingerprint } from '../../src/core/net/host-key.js';
import { generateHostKey } from '../../src/lab/hyperv/ssh-server.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'hvscan-hostkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blob = (publicKeyLine: string) => Buffer.from(publicKeyLine.split(' ')[1], 'base64');
const keyA = generateHostKey().publicKey;
const keyB = generateHostKey().publicKey;
const policy = (knownHosts: string, extra: Partial<HostKeyPolicy> = {}): HostKeyPolicy => ({
  knownHostsFile: '/etc/hvscan/known_hosts',
  knownHosts: parseKnownHosts(knownHosts),
  trustOnFirstUse: false,
  ...extra,
});

describe('SSH host key checks', () => {
  it('computes the fingerprint ssh-keygen -lf prints', async () => {
    writeFileSync(join(dir, 'a.pub'), keyA + '\n');
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'a.pub')]);
    expect(hostKeyFingerprint(blob(keyA))).toBe(stdout.split(/\s+/)[1]);
  });

  it('names the host the way known_hosts does: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostsName('HV01.Example.com', 22)).toBe('hv01.example.com');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });

  it('matches wildcards and honours negated patterns', () => {
    const p = policy(`*.lab.example,!evil.lab.example ${keyA}\n`);
    expect(checkHostKey(p, 'hv1.lab.example', blob(keyA))).toMatchObject({ accepted: true, trust: 'known-hosts' });
    expect(checkHostKey(p, 'evil.lab.example', blob(keyA))).toMatchObject({
      accepted: false,
      code: 'HOST_KEY_UNKNOWN',
    });
  });

  it('matches entries hashed by ssh-keygen -H, including [host]:port', async () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `hv1.example.com ${keyA}\n[hv2.example.com]:2222 ${keyB}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const p = policy(readFileSync(file, 'utf8'));
    expect(p.knownHosts.every((e) => e.patterns[0].startsWith('|1|'))).toBe(true);
    expect(checkHostKey(p, 'hv1.example.com', blob(keyA))).toMatchObject({ accepted: true });
    expect(checkHostKey(p, knownHostsName('hv2.example.com', 2222), blob(keyB))).toMatchObject({ accepted: true });
    expect(checkHostKey(p, 'hv2.example.com', blob(keyB))).toMatchObject({ accepted: false, code: 'HOST_KEY_UNKNOWN' });
  });

  it('refuses a changed key even with trust-on-first-use, and a @revoked key', () => {
    const changed = checkHostKey(policy(`hv1 ${keyA}\n`, { trustOnFirstUse: true }), 'hv1', blob(keyB));
    expect(changed).toMatchObject({ accepted: false, code: 'HOST_KEY_MISMATCH' });
    expect(changed.accepted === false && changed.message).toContain(hostKeyFingerprint(blob(keyA)));
    expect(changed.accepted === false && changed.message).toContain(hostKeyFingerprint(blob(keyB)));
    const revoked = checkHostKey(policy(`@revoked * ${keyB}\n`, { trustOnFirstUse: true }), 'hv1', blob(keyB));
    expect(revoked).toMatchObject({ accepted: false, code: 'HOST_KEY_REVOKED' });
  });

  it('accepts an unknown key only with trust-on-first-use; a pin alone decides when set', () => {
    expect(checkHostKey(policy(''), 'hv1', blob(keyA))).toMatchObject({ accepted: false, code: 'HOST_KEY_UNKNOWN' });
    expect(checkHostKey(policy('', { trustOnFirstUse: true }), 'hv1', blob(keyA))).toMatchObject({
      accepted: true,
      trust: 'trust-on-first-use',
    });
    const pinA = hostKeyFingerprint(blob(keyA));
    expect(checkHostKey(policy('', { pin: pinA }), 'hv1', blob(keyA))).toMatchObject({
      accepted: true,
      trust: 'host-key-pinned',
    });
    expect(checkHostKey(policy('', { pin: `${pinA}=` }), 'hv1', blob(keyA))).toMatchObject({ accepted: true });
    expect(checkHostKey(policy('', { pin: pinA, trustOnFirstUse: true }), 'hv1', blob(keyB))).toMatchObject({
      accepted: false,
      code: 'HOST_KEY_MISMATCH',
    });
  });

  it('offers the key types known for the host first', () => {
    const rsaLine = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7';
    const p = policy(`hv1 ${rsaLine}\nhv2 ${keyA}\n`);
    expect(hostKeyAlgorithmOrder(p, 'hv1')?.slice(0, 4)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
    ]);
    expect(hostKeyAlgorithmOrder(p, 'hv1')).toHaveLength(7);
    expect(hostKeyAlgorithmOrder(p, 'hv2')?.[0]).toBe('ssh-ed25519');
    expect(hostKeyAlgorithmOrder(p, 'hv3')).toBeUndefined();
  });

  it('records a first-use key in a line OpenSSH reads back', async () => {
    const file = join(dir, 'sub', 'known_hosts');
    await recordKnownHost(file, '[127.0.0.1]:2222', blob(keyA));
    const { stdout } = await run('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file]);
    expect(stdout).toContain(keyA.split(' ')[1]);
  });

  it('reads the known_hosts file; a missing one is an error unless trust-on-first-use will create it', async () => {
    const missing = join(dir, 'missing', 'known_hosts');
    await expect(loadHostKeyPolicy({ knownHostsFile: missing })).rejects.toThrow(/ENOENT/);
    expect(await loadHostKeyPolicy({ knownHostsFile: missing, trustOnFirstUse: true })).toMatchObject({
      knownHosts: [],
      trustOnFirstUse: true,
    });
    const home = await loadHostKeyPolicy({
      knownHostsFile: '~/.hvscan-test-missing/known_hosts',
      trustOnFirstUse: true,
    });
    expect(home.knownHostsFile).toBe(join(homedir(), '.hvscan-test-missing/known_hosts'));
  });
});
