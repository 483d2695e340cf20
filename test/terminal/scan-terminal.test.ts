import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/config/schema.js';
import { startLab, type RunningLab } from '../../src/lab/index.js';
import { runTs } from '../core/run-cli.js';
import { tempDir } from '../e2e/helpers.js';
import { runInPty, uncolored } from './pty.js';

const ANSI_COLOR = /\u001b\[[0-9;]*m/;
/** A row of the table: the severity label (first row of its group) or blanks, the host, then a rule id. */
const TABLE_ROW = /^(CRITICAL|HIGH {4}|MEDIUM {2}|LOW {5}|INFO {4}| {8}) {2}\S+ +[a-z][a-z0-9-]+ {2}/;

describe('scan and evaluate on a terminal (through a pseudo-terminal)', { timeout: 120_000 }, () => {
  const dir = tempDir('pty');
  let lab: RunningLab;
  let withBadPin: string;
  beforeAll(async () => {
    lab = await startLab({ profile: 'risky', esxi: 2, vcenterHosts: 0, hyperv: 0, latencyMs: 0, outDir: dir });
    const config = JSON.parse(readFileSync(lab.configPath, 'utf8')) as Config;
    const first = config.targets[0]!;
    // The same host pinned to another certificate: collection fails at the TLS step.
    const badPin = { ...first, name: 'esx-badpin', tls: { fingerprint: 'ab'.repeat(32) } };
    withBadPin = join(dir, 'bad-pin.json');
    writeFileSync(withBadPin, JSON.stringify({ ...config, targets: [...config.targets, badPin] }));
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends with a coloured table of failed findings grouped by severity, one screen long, and a counter line', async () => {
    const run = await runInPty(['scan', '-c', lab.configPath, '-o', join(dir, 'r1.json'), '--fail-on', 'none'], {
      columns: 140,
      rows: 30,
    });
    expect(run.code, run.output).toBe(0);
    const text = uncolored(run.output);
    expect(run.output).toMatch(ANSI_COLOR);
    expect(text).toMatch(/\d+ failed results on 2 hosts: \d+ critical/);
    expect(text).toMatch(/^SEVERITY +HOST +RULE +MESSAGE$/m);
    expect(text).toMatch(/^CRITICAL {2}\S+ +esxi-/m);
    // Limited to the screen: 30 rows minus the lines around it, then how to see the rest.
    const rows = text.split('\n').filter((line) => TABLE_ROW.test(line));
    expect(rows.length).toBe(20);
    expect(text).toMatch(/… \d+ more rows \(hvscan scan … --all shows every row/);
    // Progress: one line rewritten in place, never a line per state change.
    expect(run.output).toMatch(/\r\u001b\[2Kscanning 2\/2 targets done, 0 running +0:\d\d/);
    expect(text).not.toMatch(/connecting|collecting/);
    expect(text).toMatch(/^hosts: 2 \(0 failed, 0 partial\)$/m);
  });

  it('--all prints every row; --severity and --target filter them; values in any case', async () => {
    const all = await runInPty(
      ['scan', '-c', lab.configPath, '-o', join(dir, 'r2.json'), '--fail-on', 'NONE', '--all', '--no-color'],
      { rows: 30 },
    );
    expect(all.code, all.output).toBe(0);
    expect(all.output).not.toMatch(/more rows/);
    const total = Number(/(\d+) failed results on 2 hosts/.exec(all.output)![1]);
    expect(all.output.split('\n').filter((line) => TABLE_ROW.test(line)).length).toBe(total);

    const target = lab.config.targets[1]!.name;
    const filtered = await runInPty([
      'scan',
      '-c',
      lab.configPath,
      '-o',
      join(dir, 'r3.json'),
      '--fail-on',
      'none',
      '--severity',
      'Critical',
      '--target',
      target,
      '--no-color',
    ]);
    expect(filtered.code, filtered.output).toBe(0);
    expect(filtered.output).toMatch(/^\d+ failed results on 1 host: \d+ critical$/m);
    expect(filtered.output).not.toMatch(/^HIGH /m);
    expect(filtered.output).toMatch(/^hosts: 1 /m);
  });

  it('NO_COLOR and --no-color print no colour codes; --quiet prints neither progress, table nor summary', async () => {
    const noColor = await runInPty(['scan', '-c', lab.configPath, '-o', join(dir, 'r4.json'), '--fail-on', 'none'], {
      env: { NO_COLOR: '1' },
    });
    expect(noColor.code, noColor.output).toBe(0);
    expect(noColor.output).toMatch(/failed results on 2 hosts/);
    expect(noColor.output).not.toMatch(ANSI_COLOR);

    const quiet = await runInPty([
      'scan',
      '-c',
      lab.configPath,
      '-o',
      join(dir, 'r5.json'),
      '--fail-on',
      'none',
      '--quiet',
    ]);
    expect(quiet.code, quiet.output).toBe(0);
    expect(quiet.output.trim()).toBe('');
  });

  it('--no-progress prints no progress and does not turn on info logs', async () => {
    const run = await runInPty([
      'scan',
      '-c',
      lab.configPath,
      '-o',
      join(dir, 'r6.json'),
      '--fail-on',
      'none',
      '--no-progress',
      '--no-color',
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/scanning \d+\/\d+|info/);
    expect(run.output).toMatch(/failed results on 2 hosts/);
  });

  it('a failed host is logged at error level even with --log-level warn, and named with step and reason in the summary', async () => {
    const run = await runInPty([
      '--log-level',
      'WARN',
      'scan',
      '-c',
      withBadPin,
      '-o',
      join(dir, 'r7.json'),
      '--fail-on',
      'none',
      '--no-color',
    ]);
    expect(run.code, run.output).toBe(4);
    expect(run.output).toMatch(/error \[esx-badpin\] failed at tls: .*does not match the pinned tls\.fingerprint/);
    expect(run.output).toMatch(
      /^hosts: 3 \(1 failed, 0 partial\)\n {2}failed esx-badpin: tls: .*does not match the pinned tls\.fingerprint/m,
    );
  });

  it('without a terminal the output stays quiet: JSON log lines and the summary, no table', async () => {
    const run = await runTs(['scan', '-c', withBadPin, '-o', join(dir, 'r8.json'), '--fail-on', 'none']);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stdout).not.toMatch(/SEVERITY|failed results on/);
    expect(run.stdout).toMatch(/^hosts: 3 \(1 failed, 0 partial\)\n {2}failed esx-badpin: tls: /m);
    const failure = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((entry) => entry.host === 'esx-badpin' && entry.level === 'error');
    expect(failure).toMatchObject({ level: 'error', message: expect.stringMatching(/^failed at tls: /) });
  });

  it('--target with an unknown name is a usage error with a suggestion', async () => {
    const name = lab.config.targets[0]!.name;
    const run = await runTs(['scan', '-c', lab.configPath, '--target', name.toUpperCase() + 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no such target in the config (did you mean "${name}"?)`);
  });

  it('evaluate shows the table on a terminal and prints the JSON report when piped', async () => {
    const saved = join(dir, 'r1.json');
    const onTerminal = await runInPty([
      'evaluate',
      saved,
      '--fail-on',
      'none',
      '--no-color',
      '--severity',
      'critical,HIGH',
    ]);
    expect(onTerminal.code, onTerminal.output).toBe(0);
    expect(onTerminal.output).toMatch(/^\d+ failed results on 2 hosts: \d+ critical, \d+ high$/m);
    expect(onTerminal.output).not.toMatch(/"schemaVersion"/);

    const piped = await runTs(['evaluate', saved, '--fail-on', 'none']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).schemaVersion).toBe(2);
  });
});

describe('--quiet outside scan', { timeout: 60_000 }, () => {
  it('validate --quiet prints nothing on success and still the problems on failure', async () => {
    const dir = tempDir('quiet');
    try {
      const good = join(dir, 'good.json');
      writeFileSync(
        good,
        JSON.stringify({ targets: [{ name: 'esx01', platform: 'esxi', host: 'h', username: 'u', passwordEnv: 'PW' }] }),
      );
      const ok = await runTs(['--quiet', 'validate', '-c', good], { env: { PW: 'x' } });
      expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', '']);
      const bad = await runTs(['validate', '-c', good, '-q'], { env: { PW: '' } });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('PW');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
