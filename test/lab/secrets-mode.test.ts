import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../src/lab/index.js';

/** writeFileSync's mode applies only to a file it creates: a lab started again in an old directory must still tighten it. */
describe('lab secrets in a reused directory', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-lab-mode-'));
  let lab: RunningLab | undefined;
  afterAll(async () => {
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites world-readable leftovers as 0600 files in a 0700 directory', async () => {
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets, { mode: 0o755 });
    chmodSync(secrets, 0o755);
    for (const name of ['esx01.pw', 'hv01_ed25519', 'hv02.pw']) {
      writeFileSync(join(secrets, name), 'old secret\n', { mode: 0o644 });
      chmodSync(join(secrets, name), 0o644);
    }
    writeFileSync(join(dir, 'config.json'), '{}\n', { mode: 0o644 });
    chmodSync(join(dir, 'config.json'), 0o644);

    lab = await startLab({ profile: 'hardened', esxi: 1, vcenterHosts: 0, hyperv: 2, latencyMs: 0, outDir: dir });
    const written = lab.config.targets.map(
      (t) => ('passwordFile' in t && t.passwordFile) || ('privateKeyPath' in t && t.privateKeyPath),
    );
    expect(written.every(Boolean)).toBe(true);
    expect(statSync(secrets).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(secrets)) expect(statSync(join(secrets, name)).mode & 0o777, name).toBe(0o600);
    expect(statSync(lab.configPath).mode & 0o777).toBe(0o600);
  });
});
