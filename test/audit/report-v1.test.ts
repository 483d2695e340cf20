// Reports of schemaVersion 1 (each finding carrying its rule's title and remediation, no rule catalogue) stay readable:
// an audit history made before report v2 keeps working. The fixture is a real v1 history, written by hvscan's audit
// command (scripted connectors) before the rule catalogue was introduced.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportDiff } from '../../src/core/report/diff-schema.js';
import { projectFile } from '../../src/core/paths.js';
import { readReport } from '../../src/report/read.js';
import { expectValidReport } from '../core/helpers.js';
import { runTs } from '../core/run-cli.js';

const V1 = projectFile('test/fixtures/report-v1');
const V1_RUN = join(V1, 'history', 'runs', '2026-12-06T08-44-54-118Z', 'report.json');
const CLI_TIMEOUT = 60_000;
const fakeCli = (args: string[]) => runTs(args, { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });

describe('schemaVersion 1 reports', () => {
  it('are read as v2: findings keep their ids, and the titles and remediation they carried form the catalogue', () => {
    const v1 = JSON.parse(readFileSync(V1_RUN, 'utf8'));
    expect(v1.schemaVersion).toBe(1);
    const upgraded = expectValidReport(readReport(V1_RUN));
    expect(upgraded.schemaVersion).toBe(2);
    const before = v1.hosts[0].findings as Array<{
      id: string;
      ruleId: string;
      title: string;
      remediation: { text: string };
    }>;
    expect(upgraded.hosts[0]!.findings.map((f) => f.id)).toEqual(before.map((f) => f.id));
    for (const f of before) {
      expect(upgraded.rules[f.ruleId]).toMatchObject({
        title: f.title,
        remediation: f.remediation,
        source: 'report v1',
      });
    }
    expect(upgraded.hosts[0]!.findings.some((f) => 'title' in f)).toBe(false);
  });

  it('keep the facts the older model had; what it did not measure is unknown', () => {
    const v1 = JSON.parse(readFileSync(V1_RUN, 'utf8'));
    const facts = readReport(V1_RUN).hosts[0]!.facts!;
    expect(facts.product).toEqual(v1.hosts[0].facts.product);
    expect(facts.identity).toEqual(v1.hosts[0].facts.identity);
    // The v1 footprint ({hypervisor, withManagement}): its hypervisor measure is kept with the definition it was taken
    // with, the measures it did not take are unknown.
    expect(v1.hosts[0].facts.footprint.hypervisor).toBeDefined();
    expect(facts.footprint.hypervisorCode).toEqual(v1.hosts[0].facts.footprint.hypervisor);
    expect(facts.footprint.trustedComputingBase).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('predates'),
    });
    expect(facts.footprint).not.toHaveProperty('hypervisor');
  });

  it(
    'evaluate re-judges a v1 report and writes v2',
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'hvscan-v1-')), 'again.json');
      const result = await fakeCli(['evaluate', V1_RUN, '-o', out, '--fail-on', 'none']);
      expect(result.code).toBe(0);
      const report = expectValidReport(JSON.parse(readFileSync(out, 'utf8')));
      expect(report.schemaVersion).toBe(2);
      expect(report.rules['esxi-ssh-service-running']?.source).toBe('built-in');
    },
    CLI_TIMEOUT,
  );

  it(
    'diff compares a v1 report with a v2 one of the same host: its findings keep their ids, none reads as resolved',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-v1-'));
      const now = join(dir, 'now.json');
      expect((await fakeCli(['scan', '-c', join(V1, 'config.json'), '-o', now, '--fail-on', 'none'])).code).toBe(0);
      const result = await fakeCli(['diff', V1_RUN, now, '--json']);
      expect(result.code).toBe(0);
      const diff = ReportDiff.parse(JSON.parse(result.stdout));
      // New findings can only come from rules that changed since the fixture was written (esxi-ntp-servers did).
      expect(diff.findings.resolved).toEqual([]);
      expect(diff.findings.stillOpen.length).toBeGreaterThan(0);
    },
    CLI_TIMEOUT,
  );

  it(
    'audit appends a v2 run to a v1 history and diffs it against the v1 run',
    async () => {
      const history = join(mkdtempSync(join(tmpdir(), 'hvscan-v1-')), 'history');
      cpSync(join(V1, 'history'), history, { recursive: true });
      const result = await fakeCli(['audit', '-c', join(V1, 'config.json'), '--history', history, '--keep', '100000d']);
      expect([0, 3]).toContain(result.code);
      const index = JSON.parse(readFileSync(join(history, 'index.json'), 'utf8'));
      expect(index.runs).toHaveLength(2);
      const latest = join(history, index.runs[1].dir);
      expect(readdirSync(latest)).toContain('diff.json');
      const diff = ReportDiff.parse(JSON.parse(readFileSync(join(latest, 'diff.json'), 'utf8')));
      expect(diff.findings.resolved).toEqual([]);
      expect(diff.findings.stillOpen.length).toBeGreaterThan(0);
      // The audit's scan spools its hosts and the run is written from the spool: whole entries, not the stubs.
      const written = expectValidReport(JSON.parse(readFileSync(join(latest, 'report.json'), 'utf8')));
      expect(written.schemaVersion).toBe(2);
      expect(written.hosts[0]!.facts).not.toBeNull();
      expect(written.hosts[0]!.findings.length).toBeGreaterThan(0);
      expect(readFileSync(join(latest, 'findings.csv'), 'utf8').split('\r\n').length).toBeGreaterThan(
        written.hosts[0]!.findings.length,
      );
    },
    CLI_TIMEOUT,
  );
});
