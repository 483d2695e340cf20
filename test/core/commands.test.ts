import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanReport } from '../../src/core/report/schema.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';
import { scriptedConnector } from './fake-connectors.js';
import { expectValidReport } from './helpers.js';
import { cli } from './in-process-cli.js';

describe('commands in-process', () => {
  it('rules --json lists every rule once with per-profile parameters', async () => {
    const { code, stdout } = await cli(['rules', '--json']);
    expect(code).toBe(0);
    const listing = JSON.parse(stdout) as Array<{ id: string; params: Record<string, unknown> }>;
    expect(listing.length).toBeGreaterThan(0);
    expect(new Set(listing.map((r) => r.id)).size).toBe(listing.length);
    for (const rule of listing) expect(Object.keys(rule.params).sort()).toEqual(['lab', 'scg', 'stig']);
  });

  it('evaluate re-runs the rules on saved facts and on a saved report, offline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-evaluate-'));
    const factsFile = join(dir, 'facts.json');
    writeFileSync(factsFile, JSON.stringify([esxiFacts(), hypervFacts()]));
    const fromFacts = await cli([
      'evaluate',
      factsFile,
      '--profile',
      'stig',
      '--fail-on',
      'none',
      '--now',
      '2026-02-01T00:00:00Z',
    ]);
    expect(fromFacts.stderr).toBe('');
    expect(fromFacts.code).toBe(0);
    const report = expectValidReport(JSON.parse(fromFacts.stdout));
    expect(report.config.profile).toBe('stig');
    expect(report.hosts.map((h) => [h.name, h.platform, h.status])).toEqual([
      ['esx01', 'esxi', 'ok'],
      ['hv01', 'hyperv', 'ok'],
    ]);
    expect(report.hosts.every((h) => h.findings.length > 0)).toBe(true);

    // A report in, the same hosts and findings out, with the saved config digest kept.
    const reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, JSON.stringify(report));
    const out = join(dir, 'again.json');
    const again = await cli(['evaluate', reportFile, '-o', out, '--fail-on', 'none', '--now', '2026-02-01T00:00:00Z']);
    expect(again.code).toBe(0);
    const second = ScanReport.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(second.config).toEqual(report.config);
    expect(second.hosts.map((h) => h.findings)).toEqual(report.hosts.map((h) => h.findings));
  });

  it('evaluate names the problem in a file that is neither a report nor facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-evaluate-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ platform: 'esxi', identity: {} }));
    const { code, stderr } = await cli(['evaluate', join(dir, 'bad.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/neither a report nor host facts: .*identity\.name/);
  });

  it('parses global options before or after the command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-cli-'));
    const config = join(dir, 'c.json');
    writeFileSync(
      config,
      JSON.stringify({ targets: [{ name: 'a', platform: 'esxi', host: 'a', username: 'u', passwordEnv: 'PW' }] }),
    );
    const connectorFor = async () => scriptedConnector(async () => [esxiFacts()]);
    for (const argv of [
      ['--log-level', 'error', 'scan', '-c', config, '-o', join(dir, 'r.json'), '--fail-on', 'none'],
      ['scan', '--log-level', 'error', '-c', config, '-o', join(dir, 'r.json'), '--fail-on', 'none'],
    ]) {
      const result = await cli(argv, { env: { PW: 'x' }, connectorFor });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    }
  });

  it('--version prints the package version and exits 0; a missing required option exits 2', async () => {
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const missing = await cli(['scan']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-c, --config <file>' not specified");
  });
});
