import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/scan/exit-code.js';
import { refusedPort } from '../connectors/contract.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';
import { expectValidReport } from './helpers.js';
import { runTs, type Finished } from './run-cli.js';

/**
 * The whole pipeline on a real peer: `hvscan scan` (src/index.ts, the connector registry, the ESXi connector, the
 * rules) against govmomi's vcsim, beside a target nobody answers for. The report must pass its own schema and the
 * published one, and the exit code must follow from it.
 */
describe('end-to-end report from a scan of govmomi vcsim', () => {
  let sim: Vcsim;
  let dir: string;
  let run: Finished;
  let report: ReturnType<typeof expectValidReport>;

  beforeAll(async () => {
    sim = await startVcsim({ mode: 'esx', password: 'e2e-secret-8812' });
    dir = mkdtempSync(join(tmpdir(), 'hvscan-e2e-'));
    const common = { platform: 'esxi', username: 'root', passwordEnv: 'E2E_PASSWORD' };
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        targets: [
          { name: 'esx-sim', host: sim.host, port: sim.port, tls: { fingerprint: sim.sha256 }, ...common },
          { name: 'esx-refused', host: '127.0.0.1', port: await refusedPort(), timeoutSeconds: 20, ...common },
        ],
        scan: { retries: 0 },
      }),
    );
    run = await runTs(
      ['scan', '-c', join(dir, 'config.json'), '-o', join(dir, 'report.json'), '--fail-on', 'critical'],
      { env: { E2E_PASSWORD: 'e2e-secret-8812' } },
    );
    report = expectValidReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
  }, 660_000);
  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('collects and judges the simulated host and reports the unreachable one at the connect step', () => {
    expect(report.complete).toBe(true);
    const ok = report.hosts.find((h) => h.name === 'esx-sim');
    expect(ok).toMatchObject({
      status: expect.stringMatching(/^(ok|partial)$/),
      serverTrust: 'pinned',
      insecure: false,
    });
    expect(ok!.facts?.platform).toBe('esxi');
    expect(ok!.findings.length).toBeGreaterThan(0);
    const refused = report.hosts.find((h) => h.name === 'esx-refused');
    expect(refused).toMatchObject({ status: 'failed', facts: null, findings: [] });
    expect(refused!.errors[0]!.step).toBe('connect');
    expect(report.summary.failedHosts).toBe(1);
  });

  it('exits with the code the report implies, and never prints the password', () => {
    expect(run.code).toBe(exitCodeFor(report, 'critical'));
    expect(run.stdout + run.stderr).not.toContain('e2e-secret-8812');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).not.toContain('e2e-secret-8812');
  });
});
