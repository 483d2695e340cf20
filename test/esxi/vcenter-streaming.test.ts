import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorFor } from '../../connectors/index.js';
import { startEsxiSimulator, type EsxiSimulator } from '../../src/lab/esxi/index.js';
import type { CollectedHost } from '../../src/core/report/collected.js';
import { writeReports } from '../../src/report/index.js';
import { resolveOutputTarget } from '../../src/report/output-target.js';
import { HostSpool } from '../../src/report/spool.js';
import { ruleCatalogue } from '../../src/rules/catalogue.js';
import { listRules } from '../../src/rules/registry.js';
import { runScan } from '../../src/scan/engine.js';
import { JudgedHosts } from '../../src/scan/judged-hosts.js';
import { expectValidReport, memoryLogger } from '../core/helpers.js';
import { labTarget } from './context.js';

const HOSTS = 60;
const config = { digest: `sha256:${'0'.repeat(64)}`, profile: 'scg' as const };

/**
 * A vCenter's hosts go through the real engine and connector one at a time: each is judged and parked in the spool
 * as soon as it is mapped. Observed through the lab's request counts, not time: mapping a host needs its QueryModules
 * answer, so a host handed on while fewer than all QueryModules calls were served came before the last host's mapping.
 */
describe('a vCenter hands on each host as soon as it is mapped', { timeout: 60_000 }, () => {
  let sim: EsxiSimulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const queryModulesServed = () =>
    Object.entries(sim!.requestsByMethod())
      .filter(([m]) => m.endsWith('QueryModules'))
      .reduce((n, [, c]) => n + c, 0);

  function scan(onHost: (host: CollectedHost) => void, signal?: AbortSignal) {
    const { logger, redactor } = memoryLogger('info');
    return runScan({
      targets: [labTarget(sim!)],
      concurrency: 8,
      timeoutSeconds: 50,
      retries: 0,
      connectorFor,
      credentialsFor: () => ({ username: sim!.username, password: sim!.password }),
      logger,
      redactor,
      onHost,
      signal,
    });
  }

  it('judges and spools the first host before the last host is mapped, and the report holds every host', async () => {
    sim = await startEsxiSimulator({ mode: 'vcenter', hosts: HOSTS });
    dir = mkdtempSync(join(tmpdir(), 'hvscan-stream-'));
    const spool = new HostSpool(dir);
    const judged = new JudgedHosts(() => [], ruleCatalogue(listRules()), spool);
    const servedAtHandOff: number[] = [];
    const result = await scan((host) => {
      servedAtHandOff.push(queryModulesServed());
      judged.add(host);
      // Parked: the scan keeps no facts of a judged host.
      expect(host.facts).toBeUndefined();
    });
    try {
      expect(result.hosts).toHaveLength(HOSTS);
      expect(result.hosts.every((h) => h.status === 'ok')).toBe(true);
      expect(servedAtHandOff[0]).toBeLessThan(HOSTS);
      expect(queryModulesServed()).toBe(HOSTS);
      const report = judged.report(result, config);
      const json = join(dir, 'report.json');
      await writeReports(
        report,
        new Map([['json', await resolveOutputTarget(json, 'output.json')]]),
        spool.text,
        process.stdout,
      );
      const written = expectValidReport(JSON.parse(readFileSync(json, 'utf8')));
      expect(written.hosts).toHaveLength(HOSTS);
      expect(written.hosts.every((h) => h.facts !== null && h.facts.identity.managedBy === 'vc-lab')).toBe(true);
    } finally {
      spool.close();
    }
  });

  it('an interrupt after the first hosts keeps them and adds the vCenter as aborted: a valid partial report', async () => {
    sim = await startEsxiSimulator({ mode: 'vcenter', hosts: HOSTS });
    const controller = new AbortController();
    const judged = new JudgedHosts(() => [], ruleCatalogue(listRules()));
    const result = await scan((host) => {
      judged.add(host);
      if (!controller.signal.aborted) controller.abort();
    }, controller.signal);
    const failed = result.hosts.at(-1)!;
    const collected = result.hosts.slice(0, -1);
    expect(collected.length).toBeGreaterThan(0);
    expect(collected.length).toBeLessThan(HOSTS);
    expect(collected.every((h) => h.status === 'ok' && h.facts?.identity.managedBy === 'vc-lab')).toBe(true);
    expect(failed).toMatchObject({
      name: 'vc-lab',
      status: 'failed',
      errors: [
        { step: 'aborted', message: `stopped after ${collected.length} host(s) of this target: scan interrupted` },
      ],
    });
    expect(result.complete).toBe(false);
    const report = expectValidReport(judged.report(result, config));
    expect(report.complete).toBe(false);
    expect(report.hosts).toHaveLength(collected.length + 1);
  });
});
