import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/config/schema.js';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { colonFingerprint } from '../../src/core/net/tls.js';
import { runTs } from '../core/run-cli.js';
import { runInPty } from './pty.js';
import { tempDir } from '../e2e/helpers.js';

type Raw = Record<string, any>;

describe('trust on first contact, against the lab on loopback', { timeout: 120_000 }, () => {
  const dir = tempDir('trust');
  let lab: RunningLab;
  let original: Raw;
  let esx: Raw;
  let hv: Raw;
  /** The lab's config with the pins of esx and hv removed: what a user writes before knowing them. */
  let unpinned: string;
  beforeAll(async () => {
    lab = await startLab({ profile: 'hardened', esxi: 1, vcenterHosts: 0, hyperv: 1, latencyMs: 0, outDir: dir });
    original = JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config;
    esx = original.targets.find((t: Raw) => t.platform === 'esxi');
    hv = original.targets.find((t: Raw) => t.platform === 'hyperv' && t.transport === 'ssh');
    unpinned = join(dir, 'unpinned.json');
    const targets = original.targets.map((t: Raw) =>
      t === esx ? { ...t, tls: undefined } : t === hv ? { ...t, ssh: undefined } : t,
    );
    writeFileSync(unpinned, JSON.stringify({ ...original, targets }, null, 2));
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a scan of a self-signed host shows the certificate SHA-256 and how to pin it', async () => {
    const run = await runTs([
      'scan',
      '-c',
      unpinned,
      '--target',
      esx.name,
      '-o',
      join(dir, 'r.json'),
      '--fail-on',
      'none',
    ]);
    expect(run.code).toBe(4);
    const pin = colonFingerprint(esx.tls.fingerprint);
    expect(run.stdout).toContain(`failed ${esx.name}: tls: `);
    expect(run.stdout).toContain(
      'server certificate not trusted: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(run.stdout).toContain(`it has SHA-256 ${pin}`);
    expect(run.stdout).toContain('hvscan trust');
  });

  it('hvscan trust prints the certificate (subject, issuer, validity, SHA-256) and pins nothing by itself', async () => {
    const before = readFileSync(unpinned, 'utf8');
    const run = await runTs(['trust', `127.0.0.1:${esx.port}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/subject +O=hvscan lab, CN=\S+/);
    expect(run.stdout).toMatch(/issuer +O=hvscan lab, CN=\S+ \(self-signed\)/);
    expect(run.stdout).toMatch(/valid +\d{4}-\d\d-\d\dT\S+ to \d{4}-\d\d-\d\dT\S+/);
    expect(run.stdout).toContain(`SHA-256   ${colonFingerprint(esx.tls.fingerprint)}`);
    expect(run.stdout).toMatch(/CA check +not trusted by the system CAs \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(readFileSync(unpinned, 'utf8')).toBe(before);
  });

  it('--write without a terminal and without --yes refuses and leaves the config as it was', async () => {
    const before = readFileSync(unpinned, 'utf8');
    const run = await runTs(['trust', `127.0.0.1:${esx.port}`, '--write', unpinned, '--target', esx.name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not pinned');
    expect(readFileSync(unpinned, 'utf8')).toBe(before);
  });

  it('on a terminal it asks, and "n" (or anything but y) pins nothing', async () => {
    const before = readFileSync(unpinned, 'utf8');
    const run = await runInPty(['trust', `127.0.0.1:${esx.port}`, '--write', unpinned, '--target', esx.name], {
      input: 'n\n',
    });
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain(`Pin it for target ${esx.name} in ${unpinned}? [y/N]`);
    expect(readFileSync(unpinned, 'utf8')).toBe(before);
  });

  it('--write --yes pins the certificate and the SSH host key; validate and scan then pass', async () => {
    const tlsRun = await runTs(['trust', `127.0.0.1:${esx.port}`, '--write', unpinned, '--target', esx.name, '--yes']);
    expect(tlsRun.code, tlsRun.stderr).toBe(0);
    const sshRun = await runTs([
      'trust',
      `127.0.0.1:${hv.port}`,
      '--platform',
      'HYPERV',
      '--write',
      unpinned,
      '--target',
      hv.name,
      '--yes',
    ]);
    expect(sshRun.code, sshRun.stderr).toBe(0);
    expect(sshRun.stdout).toMatch(/type +ssh-/);
    const written = JSON.parse(readFileSync(unpinned, 'utf8')) as Raw;
    const pinned = (name: string) => written.targets.find((t: Raw) => t.name === name);
    expect(pinned(esx.name).tls.fingerprint.replace(/:/g, '').toLowerCase()).toBe(esx.tls.fingerprint);
    expect(pinned(hv.name).ssh.hostKeyFingerprint).toBe(hv.ssh.hostKeyFingerprint);

    expect((await runTs(['validate', '-c', unpinned])).code).toBe(0);
    const scan = await runTs([
      'scan',
      '-c',
      unpinned,
      '--target',
      esx.name,
      '--target',
      hv.name,
      '-o',
      join(dir, 'r2.json'),
      '--fail-on',
      'none',
    ]);
    expect(scan.code, scan.stdout + scan.stderr).toBe(0);
    expect(scan.stdout).toMatch(/^hosts: 2 \(0 failed, 0 partial\)/m);

    const again = await runTs(['trust', `127.0.0.1:${esx.port}`, '--write', unpinned, '--target', esx.name]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already pins it; nothing to change');
  });

  it("refuses to pin what was read from another endpoint than the target's, or for an unknown target", async () => {
    const other = await runTs([
      'trust',
      `127.0.0.1:${hv.port}`,
      '--platform',
      'esxi',
      '--write',
      unpinned,
      '--target',
      esx.name,
      '--yes',
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`target ${esx.name} connects to port ${esx.port}, not ${hv.port}`);
    const unknown = await runTs([
      'trust',
      `127.0.0.1:${esx.port}`,
      '--write',
      unpinned,
      '--target',
      `${esx.name}x`,
      '--yes',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`(did you mean "${esx.name}"?)`);
  });
});
