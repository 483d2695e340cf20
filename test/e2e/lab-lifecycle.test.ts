import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startLabChild, type LabChild } from '../../bench/lab-child.js';
import { validateConfig } from '../../src/core/config/load.js';
import type { Config } from '../../src/core/config/schema.js';
import { tempDir } from './helpers.js';
import { runTs, spawnTs } from '../core/run-cli.js';

/** Resolves true when something accepts a TCP connection on 127.0.0.1:port, false on refusal; bounded. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no answer on port ${port} within 2 s`))), 2000);
    socket.once('connect', () => (clearTimeout(timer), socket.destroy(), resolve(true)));
    socket.once(
      'error',
      (err: NodeJS.ErrnoException) => (clearTimeout(timer), err.code === 'ECONNREFUSED' ? resolve(false) : reject(err)),
    );
  });
}

describe('hvscan lab as a child process: ready line, pinned config, clean stop', { timeout: 60_000 }, () => {
  const dir = tempDir('lab');
  let lab: LabChild | undefined;

  afterAll(async () => {
    if (lab && lab.child.exitCode === null) await lab.stop().catch(() => lab?.child.kill('SIGKILL'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one ready line, writes a valid config with 0600 secrets, stops on SIGTERM and leaves no listener', async () => {
    lab = await startLabChild({ esxi: 1, vcenterHosts: 2, hyperv: 3, latencyMs: 0, outDir: dir }, 45_000);
    expect(lab.readyLine).toBe(`lab ready: 6 hosts, config ${dir}/config.json`);
    expect(lab.configPath).toBe(`${dir}/config.json`);

    const { config, problems } = validateConfig(JSON.parse(readFileSync(lab.configPath, 'utf8')));
    expect(problems).toEqual([]);
    const targets = (config as Config).targets;
    expect(targets.map((t) => `${t.platform}/${'transport' in t && t.transport ? t.transport : ''}`).sort()).toEqual(
      ['esxi/', 'hyperv/ssh', 'hyperv/winrm', 'hyperv/winrm', 'vcenter/'].sort(),
    );
    const ports: number[] = [];
    for (const t of targets) {
      expect(t.host).toBe('127.0.0.1');
      ports.push(t.port!);
      // Every server is pinned: a certificate or a host-key fingerprint (NTLM over HTTP has no TLS to pin).
      const https = t.platform !== 'hyperv' || (t.transport === 'winrm' && t.winrm?.https);
      if (https) expect('tls' in t && t.tls?.fingerprint, t.name).toMatch(/^[0-9a-f]{64}$/);
      if (t.platform === 'hyperv' && t.transport === 'ssh') expect(t.ssh?.hostKeyFingerprint, t.name).toBeTruthy();
      const secret =
        'passwordFile' in t && t.passwordFile ? t.passwordFile : 'privateKeyPath' in t ? t.privateKeyPath : undefined;
      expect(secret, t.name).toBeTruthy();
      expect(statSync(secret!).mode & 0o777, `${t.name} ${secret}`).toBe(0o600);
    }
    expect(statSync(lab.configPath).mode & 0o777).toBe(0o600);
    for (const port of ports) expect(await listening(port), `port ${port} before stop`).toBe(true);

    const exit = await lab.stop(20_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout.match(/^lab ready:/gm)).toHaveLength(1);
    expect(exit.stdout.trimEnd().split('\n').at(-1)).toBe('lab stopped');
    // Its own process id, for stopping it when it was started through npx.
    expect(exit.stdout).toContain(`lab pid ${lab.child.pid} (stop it with: kill ${lab.child.pid})`);
    expect(exit.stderr).toContain('SIGTERM received; stopping the lab');
    for (const port of ports) expect(await listening(port), `port ${port} after stop`).toBe(false);
  });

  it("--pid-file holds the lab's process id while it runs and is removed when it stops; a live one is refused", async () => {
    const pidFile = join(dir, 'lab.pid');
    const child = spawnTs([
      'lab',
      '--out',
      join(dir, 'pid-lab'),
      '--esxi',
      '1',
      '--vcenter-hosts',
      '0',
      '--hyperv',
      '0',
      '--pid-file',
      pidFile,
    ]);
    try {
      await new Promise<void>((resolve, reject) => {
        child.child.stdout!.on('data', () => (child.output().stdout.includes('lab ready:') ? resolve() : undefined));
        child.child.once('close', () => reject(new Error(`lab exited early:\n${child.output().stderr}`)));
      });
      expect(readFileSync(pidFile, 'utf8')).toBe(`${child.child.pid}\n`);
      const second = await runTs([
        'lab',
        '--out',
        join(dir, 'pid-lab-2'),
        '--esxi',
        '1',
        '--vcenter-hosts',
        '0',
        '--hyperv',
        '0',
        '--pid-file',
        pidFile,
      ]);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`process ${child.child.pid} (another lab?) is still running`);
    } finally {
      child.child.kill('SIGTERM');
    }
    const exit = await child.finished;
    expect(exit.code).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
  });
});
