import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/commands/command.js';
import { scan } from '../../src/commands/scan.js';
import { loadConfig } from '../../src/core/config/load.js';
import type { Finding } from '../../src/core/model/index.js';
import { canonicalJson, configDigest, SummaryTally } from '../../src/report/build.js';
import { hostSource } from '../../src/report/host-source.js';
import { writerFor } from '../../src/report/index.js';
import { exitCodeFor } from '../../src/scan/exit-code.js';
import type { CollectedHost } from '../../src/core/report/collected.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';
import { scriptedConnector } from './fake-connectors.js';
import { expectValidReport, judgedReport } from './helpers.js';

function finding(severity: Finding['severity'], status: Finding['status'] = 'fail', suppressed = false): Finding {
  return {
    id: `${severity}-${status}-${suppressed}`,
    ruleId: 'esxi-test-rule',
    severity,
    status,
    message: 'm',
    evidence: { path: 'x' },
    ...(suppressed ? { suppressed: { reason: 'accepted', expires: '2099-01-01' } } : {}),
  };
}

function host(name: string, status: CollectedHost['status']): CollectedHost {
  return {
    name,
    target: name,
    platform: 'esxi',
    status,
    facts: status === 'failed' ? undefined : esxiFacts({ identity: { name } }),
    errors: status === 'failed' ? [{ step: 'connect', message: 'ECONNREFUSED' }] : [],
    insecure: false,
    durationMs: 5,
    attempts: 1,
  };
}

const scanTimes = {
  startedAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: new Date('2026-01-01T00:01:00Z'),
  complete: true,
};
const config = { digest: configDigest({ a: 1 }), profile: 'scg' as const };

describe('report', () => {
  it('counts only unsuppressed failed findings by severity, and failed/partial hosts', () => {
    const a = host('a', 'ok');
    const b = host('b', 'partial');
    const c = host('c', 'failed');
    const findings = new Map([
      [
        a.facts,
        [finding('high'), finding('high', 'pass'), finding('critical', 'unknown'), finding('critical', 'fail', true)],
      ],
      [b.facts, [finding('low'), finding('info')]],
    ]);
    const report = expectValidReport(
      judgedReport({ ...scanTimes, hosts: [a, b, c] }, (facts) => findings.get(facts) ?? [], config),
    );
    expect(report.summary).toEqual({
      hosts: 3,
      failedHosts: 1,
      partialHosts: 1,
      findingsBySeverity: { critical: 0, high: 1, medium: 0, low: 1, info: 1 },
      suppressedFindings: 1,
    });
    expect(report.tool.name).toBe('hvscan');
    expect(report.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.$schema).toBe('hvscan/schemas/report.schema.json');
    expect(report.hosts[2]).toMatchObject({ facts: null, findings: [], status: 'failed' });
  });

  it('records tls.insecure per host and the trust the connector used', () => {
    const insecure = {
      ...host('hv', 'ok'),
      insecure: true,
      facts: hypervFacts({ collection: { serverTrust: 'insecure' } }),
    };
    const report = judgedReport({ ...scanTimes, hosts: [insecure] }, () => [], config);
    expect(report.hosts[0]).toMatchObject({ insecure: true, serverTrust: 'insecure' });
  });

  it('digests configs independently of key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(configDigest({ x: 1, y: 2 })).toBe(configDigest({ y: 2, x: 1 }));
    expect(configDigest({ x: 1 })).not.toBe(configDigest({ x: 2 }));
  });

  it('renders the JSON report exactly as the schema describes it', async () => {
    const writer = await writerFor('json');
    const report = judgedReport({ ...scanTimes, hosts: [host('a', 'ok')] }, () => [], config);
    expect(writer.format).toBe('json');
    expect(expectValidReport(JSON.parse([...writer.chunks(report, hostSource(report))].join('')))).toEqual(report);
  });
});

describe('exit codes', () => {
  // The summary the scan tallies host by host.
  const report = (hosts: Array<{ status: CollectedHost['status']; findings: Finding[] }>) => {
    const tally = new SummaryTally();
    for (const host of hosts) tally.add(host);
    return { summary: tally.result() };
  };
  it.each([
    ['nothing found', [{ status: 'ok', findings: [finding('medium')] }], 'high', 0],
    ['a finding at the threshold', [{ status: 'ok', findings: [finding('high')] }], 'high', 3],
    ['a finding above the threshold', [{ status: 'ok', findings: [finding('critical')] }], 'medium', 3],
    ['a suppressed finding', [{ status: 'ok', findings: [finding('critical', 'fail', true)] }], 'low', 0],
    ['an unknown result', [{ status: 'ok', findings: [finding('critical', 'unknown')] }], 'low', 0],
    ['a failed host', [{ status: 'failed', findings: [] }], 'high', 4],
    [
      'a failed host and a finding at the threshold',
      [
        { status: 'failed', findings: [] },
        { status: 'ok', findings: [finding('high')] },
      ],
      'high',
      3,
    ],
    [
      '--fail-on none with findings and a failed host',
      [
        { status: 'failed', findings: [] },
        { status: 'ok', findings: [finding('critical')] },
      ],
      'none',
      4,
    ],
    ['a partial host', [{ status: 'partial', findings: [] }], 'high', 0],
  ] as const)('%s', (_what, hosts, failOn, code) => {
    expect(exitCodeFor(report(hosts as never), failOn)).toBe(code);
  });
});

describe('scan command end to end (scripted connectors, real rules)', () => {
  it('writes a schema-valid report whose exit code follows its findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-scan-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        targets: [
          { name: 'esx01', platform: 'esxi', host: 'esx01.lab', username: 'root', passwordEnv: 'PW' },
          {
            name: 'hv01',
            platform: 'hyperv',
            transport: 'winrm',
            host: 'hv01.lab',
            username: 'a',
            passwordEnv: 'PW',
            winrm: { https: true, auth: 'ntlm' },
            tls: { insecure: true },
          },
        ],
        output: { json: join(dir, 'report.json') },
      }),
    );
    let stdout = '';
    const sink = (onText: (text: string) => void) =>
      new Writable({
        write(chunk, _enc, done) {
          onText(String(chunk));
          done();
        },
      });
    const context: CliContext = {
      stdout: sink((t) => (stdout += t)),
      stderr: sink(() => undefined),
      isTTY: false,
      signal: new AbortController().signal,
      env: { PW: 'secret-pw' },
      connectorFor: async (target) =>
        scriptedConnector(async () => [
          target.platform === 'hyperv' ? hypervFacts({ exposure: { smb: { smb1Enabled: true } } }) : esxiFacts(),
        ]),
    };
    const result = await scan({ config: configFile, failOn: 'low', logLevel: 'error' }, context);
    const written = expectValidReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    expect(written).toEqual(JSON.parse(JSON.stringify(result.report)));
    expect(written.hosts.map((h) => [h.name, h.status, h.insecure])).toEqual([
      ['esx01', 'ok', false],
      ['hv01', 'ok', true],
    ]);
    expect(written.hosts.every((h) => h.findings.length > 0)).toBe(true);
    expect(result.exitCode).toBe(exitCodeFor(written, 'low'));
    expect(stdout).toContain(`report: ${join(dir, 'report.json')}`);
  });

  it('streamed (retainHosts: false, as hvscan scan runs): the same report text in target order, stubs returned, no temp file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-stream-'));
    const names = ['esx01', 'esx02', 'esx03', 'esx04'];
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        targets: names.map((name) => ({
          name,
          platform: 'esxi',
          host: `${name}.lab`,
          username: 'root',
          passwordEnv: 'PW',
        })),
      }),
    );
    const context = (): CliContext => ({
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: new Writable({ write: (_c, _e, done) => done() }),
      isTTY: false,
      signal: new AbortController().signal,
      env: { PW: 'secret-pw' },
      // The first target finishes last, so completion order is not target order.
      connectorFor: async (target) =>
        scriptedConnector(async () => {
          await new Promise((r) => setTimeout(r, 40 - names.indexOf(target.name) * 10));
          return [esxiFacts({ identity: { name: target.name, address: `${target.name}.lab` } })];
        }),
    });
    // Host entries are compact (no space after the colon), the top level indented.
    const stable = (text: string) =>
      text.replace(/"(startedAt|finishedAt)": ?"[^"]+"/g, '"$1":"T"').replace(/"durationMs": ?\d+/g, '"durationMs":0');
    const kept = await scan(
      { config: configFile, output: join(dir, 'kept.json'), failOn: 'high', logLevel: 'error' },
      context(),
    );
    const streamed = await scan(
      { config: configFile, output: join(dir, 'streamed.json'), failOn: 'high', logLevel: 'error', retainHosts: false },
      context(),
    );

    expect(stable(readFileSync(join(dir, 'streamed.json'), 'utf8'))).toBe(
      stable(readFileSync(join(dir, 'kept.json'), 'utf8')),
    );
    const written = expectValidReport(JSON.parse(readFileSync(join(dir, 'streamed.json'), 'utf8')));
    expect(written.hosts.map((h) => h.name)).toEqual(names);
    expect(written.hosts.every((h) => h.facts !== null && h.findings.length > 0)).toBe(true);
    expect(streamed.report.hosts.map((h) => [h.name, h.facts, h.findings])).toEqual(names.map((n) => [n, null, []]));
    expect(streamed.report.summary).toEqual(kept.report.summary);
    expect(streamed.exitCode).toBe(kept.exitCode);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'kept.json', 'streamed.json']);

    // A caller that loaded the config (audit) hands it over: the file is not read again.
    const loaded = loadConfig(configFile);
    rmSync(configFile);
    const again = await scan(
      { config: configFile, loaded, output: join(dir, 'again.json'), failOn: 'high', logLevel: 'error' },
      context(),
    );
    expect(again.report.summary).toEqual(kept.report.summary);
  });
});
