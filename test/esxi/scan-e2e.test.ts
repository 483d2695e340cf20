import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs, type Finished } from '../core/run-cli.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';

interface ReportHost {
  name: string;
  target: string;
  status: string;
  serverTrust: string | null;
  facts: { identity: { managedBy?: string }; collection: { protocol: string } } | null;
  errors: Array<{ step: string; message: string }>;
}

/** `hvscan scan` end to end against govmomi's simulator in ESX and VPX mode, with one misconfigured target beside them. */
describe('hvscan scan against govmomi vcsim', () => {
  let esx: Vcsim;
  let vpx: Vcsim;
  let dir: string;
  let run: Finished;
  let hosts: ReportHost[];

  beforeAll(async () => {
    [esx, vpx] = await Promise.all([
      startVcsim({ mode: 'esx', password: 'scan-secret' }),
      startVcsim({ mode: 'vpx', hosts: 3, password: 'scan-secret' }),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'hvscan-esxi-scan-'));
    const common = { username: 'root', passwordEnv: 'HVSCAN_TEST_VSPHERE_PASSWORD' };
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        targets: [
          {
            name: 'esx-sim',
            platform: 'esxi',
            host: esx.host,
            port: esx.port,
            tls: { fingerprint: esx.sha256 },
            ...common,
          },
          {
            name: 'vc-sim',
            platform: 'vcenter',
            host: vpx.host,
            port: vpx.port,
            tls: { fingerprint: vpx.sha256 },
            ...common,
          },
          {
            name: 'bad-pin',
            platform: 'esxi',
            host: esx.host,
            port: esx.port,
            tls: { fingerprint: '00'.repeat(32) },
            ...common,
          },
        ],
      }),
    );
    run = await runTs(['scan', '-c', join(dir, 'config.json'), '-o', join(dir, 'report.json'), '--no-progress'], {
      env: { HVSCAN_TEST_VSPHERE_PASSWORD: 'scan-secret' },
    });
    hosts = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { hosts: ReportHost[] }).hosts;
  }, 660_000);
  afterAll(async () => {
    await Promise.all([esx?.close(), vpx?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('collects the ESXi host and every vCenter host, each vCenter host managed by its target', () => {
    expect(hosts.find((h) => h.name === 'esx-sim')).toMatchObject({ status: 'ok', serverTrust: 'pinned' });
    const managed = hosts.filter((h) => h.target === 'vc-sim');
    expect(managed.map((h) => h.name).sort()).toEqual(['DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2']);
    for (const h of managed) expect(h.facts?.identity.managedBy).toBe('vc-sim');
  });

  it('reports the bad host with its step and keeps the others', () => {
    const bad = hosts.find((h) => h.name === 'bad-pin');
    expect(bad).toMatchObject({ status: 'failed', facts: null });
    expect(bad!.errors[0]).toMatchObject({
      step: 'tls',
      message: expect.stringContaining('does not match the pinned tls.fingerprint'),
    });
    expect(run.stdout + run.stderr).not.toContain('scan-secret');
  });
});
