import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanReport } from '../../src/core/report/schema.js';
import { FOOTPRINT_DEFINITIONS } from '../../src/core/model/index.js';
import { spawn } from 'node:child_process';
import { projectFile } from '../../src/core/paths.js';
import { hostEntrySizes } from '../../bench/report-size.js';
import { tempDir } from './helpers.js';

/**
 * Largest host entry the demo's written report may hold, by platform: issue 14's 40 KB, which the Hyper-V hosts meet
 * (39.6 KB at most); the ESXi hosts (57 KB at most) are held where they are until they reach it.
 */
const HOST_ENTRY_BUDGET_BYTES = { hyperv: 40 * 1024, esxi: 60 * 1024, vcenter: 60 * 1024 } as const;

/** `hvscan demo` from another working directory (tsx resolved from the project, not from cwd); killed after timeoutMs. */
function demo(cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), projectFile('src/index.ts'), 'demo'], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => (child.kill('SIGKILL'), reject(new Error(`hvscan demo did not finish within ${timeoutMs} ms:\n${stderr}`))),
      timeoutMs,
    );
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

describe('hvscan demo as a child process', { timeout: 60_000 }, () => {
  const cwd = tempDir('demo');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('exits 0, writes a schema-valid report and prints the hypervisor-level AV and exposed management partition findings', async () => {
    const run = await demo(cwd, 50_000);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);

    const path = join(cwd, 'hvscan-report.json');
    expect(existsSync(path)).toBe(true);
    const text = readFileSync(path, 'utf8');
    const parsed = ScanReport.safeParse(JSON.parse(text));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const report = parsed.data!;
    expect(report.summary.failedHosts).toBe(0);
    // Each host entry as written (one line each) within its size budget (docs/benchmarks.md gives the figures).
    const sizes = hostEntrySizes(text);
    expect(sizes).toHaveLength(report.hosts.length);
    sizes.forEach((bytes, i) =>
      expect(bytes, report.hosts[i]!.name).toBeLessThanOrEqual(HOST_ENTRY_BUDGET_BYTES[report.hosts[i]!.platform]),
    );
    const fails = (ruleId: string) =>
      report.hosts.flatMap((h) =>
        h.findings.filter((f) => f.ruleId === ruleId && f.status === 'fail').map(() => h.name),
      );
    expect(fails('host-introspection-in-hypervisor').length).toBeGreaterThan(0);
    expect(fails('hyperv-management-os-shares-vm-switch').length).toBeGreaterThan(0);

    // The printed summary names both, with a host.
    expect(run.stdout).toMatch(/\] \S+: Antivirus or introspection code runs at hypervisor level/);
    const managementTitle = report.rules['hyperv-management-os-shares-vm-switch']!.title;
    expect(run.stdout).toContain(managementTitle);

    // The footprint, like for like: both platforms on one line each, the same three measures, approximations marked.
    const line = (platform: string) =>
      run.stdout.split('\n').find((l) => l.trimStart().startsWith(`${platform} `) && l.includes('Hypervisor code'))!;
    expect(line('esxi')).toMatch(
      /Hypervisor code +[\d.]+ MB ≈ +Trusted computing base +[\d.]+ MB ≈ +Exposed management surface +unknown ≈/,
    );
    expect(line('hyperv')).toMatch(
      /Hypervisor code +[\d.]+ MB {3,}Trusted computing base +[\d.]+ MB ≈ +Exposed management surface +[\d.]+ MB ≈/,
    );
    for (const h of report.hosts) {
      const subjects = h.findings.filter((f) => f.ruleId === 'host-footprint-measured').map((f) => f.subject);
      expect(subjects, h.name).toEqual(['hypervisor-code', 'trusted-computing-base', 'management-surface']);
    }

    // A rule seen more than once says how often and where, not "(+N more)".
    expect(run.stdout).toMatch(/\(\d+ results on \d+ hosts?\)$/m);
    expect(run.stdout).not.toMatch(/\(\+\d+ more\)/);
    // Footprint definitions are wrapped at 100 columns (no terminal), never cut.
    const footprint = run.stdout.slice(run.stdout.indexOf('Footprint,'), run.stdout.indexOf('Next: scan a real host'));
    const notes = footprint.split('\n').filter((line) => line.startsWith('    '));
    expect(notes.length).toBeGreaterThan(3);
    expect(notes.filter((line) => line.length > 100)).toEqual([]);
    const unwrapped = footprint.replace(/\n {6}/g, ' ');
    for (const definition of Object.values(FOOTPRINT_DEFINITIONS))
      expect(unwrapped).toContain(definition.replace(/\s+/g, ' '));
    // It ends with how to scan a real host.
    expect(run.stdout).toMatch(
      /Next: scan a real host\n {2}hvscan init .*\n {2}hvscan trust .*\n[\s\S]*docs\/first-real-host\.md/,
    );
  });
});
