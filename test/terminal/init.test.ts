import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTs } from '../core/run-cli.js';
import { runInPty } from './pty.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PIN = 'SHA256:wtcxdr3LMY5nqZS0p43ixRPux70WZ9WYsxIgG8J86rM';

describe('hvscan init', { timeout: 60_000 }, () => {
  it.each([
    [
      'esxi',
      ['--platform', 'ESXi', '--host', 'esx01.example.com', '--username', 'audit'],
      { HVSCAN_ESX01_PASSWORD: 'x' },
    ],
    [
      'vcenter',
      [
        '--platform',
        'vcenter',
        '--host',
        'vc01.example.com',
        '--username',
        'audit@vsphere.local',
        '--fingerprint',
        'AB:'.repeat(31) + 'AB',
      ],
      { HVSCAN_VC01_PASSWORD: 'x' },
    ],
    [
      'hyperv-ssh',
      [
        '--platform',
        'hyperv',
        '--host',
        'hv01.example.com',
        '--username',
        'audit',
        '--private-key',
        'id_hvscan',
        '--fingerprint',
        PIN,
      ],
      {},
    ],
    [
      'hyperv-winrm',
      ['--platform', 'hyperv', '--transport', 'winrm', '--host', '10.0.0.7', '--username', 'CORP\\audit'],
      { HVSCAN_10_0_0_7_PASSWORD: 'x' },
    ],
  ])('%s from flags without a terminal: a commented config that validate accepts', async (name, flags, env) => {
    const file = join(dir, `${name}.json`);
    // A real key: validate parses it, as the scan's SSH client would.
    if (name === 'hyperv-ssh')
      writeFileSync(
        join(dir, 'id_hvscan'),
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
        { mode: 0o600 },
      );
    const run = await runTs(['init', '-o', file, ...flags]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote ${file}`);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.$comment.join(' ')).toMatch(/JSON has no comments/);
    expect(written.targets[0].$comment.join(' ')).toContain('docs/first-real-host.md');
    const validated = await runTs(['validate', '-c', file], { env });
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toContain('is valid: 1 target(s)');
  });

  it('without a terminal, missing flags are a usage error naming them; an existing file is kept without --force', async () => {
    const run = await runTs(['init', '-o', join(dir, 'x.json'), '--platform', 'esxi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('without a terminal, init needs --host, --username');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);

    const existing = join(dir, 'esxi.json');
    const before = readFileSync(existing, 'utf8');
    const again = await runTs(['init', '-o', existing, '--platform', 'esxi', '--host', 'h', '--username', 'u']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; choose another -o or add --force');
    expect(readFileSync(existing, 'utf8')).toBe(before);
  });

  it('on a terminal it asks for what the flags do not give', async () => {
    const run = await runInPty(['init', '-o', 'asked.json'], {
      cwd: dir,
      input: `hyperv\nssh\nhv02.example.com\naudit\n${PIN}\n`,
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Platform (esxi/vcenter/hyperv) [esxi]:');
    expect(run.output).toContain('Host name or address:');
    const written = JSON.parse(readFileSync(join(dir, 'asked.json'), 'utf8'));
    expect(written.targets[0]).toMatchObject({
      name: 'hv02',
      platform: 'hyperv',
      transport: 'ssh',
      host: 'hv02.example.com',
      username: 'audit',
      ssh: { hostKeyFingerprint: PIN },
    });
    const validated = await runTs(['validate', '-c', join(dir, 'asked.json')], { env: { HVSCAN_HV02_PASSWORD: 'x' } });
    expect(validated.code, validated.stderr).toBe(0);
  });
});
