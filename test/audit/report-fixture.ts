import type { Finding } from '../../src/core/model/index.js';
import type { RuleCatalogue } from '../../src/core/model/index.js';
import { ScanReport, type ReportHost } from '../../src/core/report/schema.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';

/** Rule titles the fixtures' findings were given; report() puts them into the report's rule catalogue. */
const titles = new Map<string, string>();

export function finding({ title, ...overrides }: Partial<Finding> & { id: string; title?: string }): Finding {
  const made: Finding = {
    ruleId: 'esxi-ssh-service-running',
    severity: 'high',
    status: 'fail',
    message: 'TSM-SSH is running',
    evidence: { path: 'services[TSM-SSH].running', observed: true, expected: false },
    ...overrides,
  };
  titles.set(made.ruleId, title ?? titles.get(made.ruleId) ?? 'SSH service is running');
  return made;
}

function catalogueOf(hosts: ReportHost[]): RuleCatalogue {
  const ids = [...new Set(hosts.flatMap((h) => h.findings.map((f) => f.ruleId)))].sort();
  return Object.fromEntries(
    ids.map((id) => [
      id,
      {
        title: titles.get(id) ?? id,
        severity: 'high',
        category: 'services',
        rationale: 'fixture',
        risk: 'fixture',
        remediation: { text: 'Stop SSH', esxcli: 'esxcli system ssh set --enabled false' },
        source: 'built-in',
      },
    ]),
  );
}

export function host(overrides: Partial<ReportHost> & { name: string }): ReportHost {
  return {
    target: overrides.name,
    platform: 'esxi',
    status: 'ok',
    insecure: false,
    serverTrust: 'pinned',
    durationMs: 10,
    attempts: 1,
    facts: esxiFacts({ identity: { name: overrides.name } }),
    findings: [],
    errors: [],
    ...overrides,
  };
}

/** A schema-valid report whose summary is computed from its hosts, as the engine computes it. */
export function report(hosts: ReportHost[], startedAt = '2026-11-20T02:00:00.000Z', complete = true): ScanReport {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let suppressed = 0;
  for (const h of hosts) {
    for (const f of h.findings) {
      if (f.suppressed) suppressed++;
      else if (f.status === 'fail') bySeverity[f.severity]++;
    }
  }
  return ScanReport.parse({
    $schema: 'hvscan/schemas/report.schema.json',
    schemaVersion: 2,
    tool: { name: 'hvscan', version: '0.1.0' },
    startedAt,
    finishedAt: startedAt.replace('00.000Z', '09.000Z'),
    complete,
    config: { digest: `sha256:${'a'.repeat(64)}`, profile: 'scg' },
    summary: {
      hosts: hosts.length,
      failedHosts: hosts.filter((h) => h.status === 'failed').length,
      partialHosts: hosts.filter((h) => h.status === 'partial').length,
      findingsBySeverity: bySeverity,
      suppressedFindings: suppressed,
    },
    rules: catalogueOf(hosts),
    hosts,
  });
}

/**
 * A fleet of `count` ESXi hosts named esx0..esxN, with the build `build(i)` and an open finding on every 50th host:
 * large enough that reading it whole would show in the streaming tests' budgets.
 */
export function fleetReport(count: number, build: (i: number) => string, startedAt: string): ScanReport {
  return report(
    Array.from({ length: count }, (_, i) =>
      host({
        name: `esx${i}`,
        facts: esxiFacts({ identity: { name: `esx${i}` }, product: { build: build(i) } }),
        findings: i % 50 === 0 ? [finding({ id: `ssh-${i}` })] : [],
      }),
    ),
    startedAt,
  );
}

export { esxiFacts, hypervFacts };
