import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CliContext } from '../../src/commands/command.js';
import { scan } from '../../src/commands/scan.js';
import type { Config } from '../../src/core/config/schema.js';
import type { ReportHost, ScanReport } from '../../src/core/report/schema.js';

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `hvscan-e2e-${prefix}-`));

export function quietContext(): CliContext & { errors: () => string } {
  let errors = '';
  return {
    stdout: new Writable({ write: (_c, _e, done) => done() }),
    stderr: new Writable({ write: (c, _e, done) => ((errors += c), done()) }),
    isTTY: false,
    signal: AbortSignal.timeout(60_000),
    env: process.env,
    errors: () => errors,
  };
}

/** Rewrites a lab config (same directory, so relative paths still resolve) with extra targets appended. */
export function withTargets(configPath: string, name: string, extra: (config: Config) => Config['targets']): string {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Config;
  const path = join(configPath, '..', name);
  writeFileSync(path, JSON.stringify({ ...config, targets: [...config.targets, ...extra(config)] }, null, 2), {
    mode: 0o600,
  });
  return path;
}

export async function scanReport(configPath: string, dir: string): Promise<ScanReport> {
  const context = quietContext();
  const { report } = await scan(
    { config: configPath, output: join(dir, 'report.json'), failOn: 'none', progress: false, logLevel: 'warn' },
    context,
  );
  return report;
}

/** Rule ids (with subject) of the failed results of a host. */
export function failed(host: ReportHost, ruleId?: string): string[] {
  return host.findings
    .filter((f) => f.status === 'fail' && (!ruleId || f.ruleId === ruleId))
    .map((f) => (f.subject ? `${f.ruleId}[${f.subject}]` : f.ruleId));
}

export function failedRules(host: ReportHost): Set<string> {
  return new Set(host.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
}
