import type { Finding } from '../../src/model/index.js';
import { ScanReport, type ReportHost } from '../../src/report/schema.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';

export function finding(overrides: Partial<Finding> & { id: string }): Finding {
  return {
    ruleId: 'esxi-ssh-service-running',
    title: 'SSH service is running',
    severity: 'high',
    status: 'fail',
    message: 'TSM-SSH is running',
    evidence: { path: 'services[TSM-SSH].running', observed: true, expected: false },
    remediation: { text: 'Stop SSH', esxcli: 'esxcli system ssh set --enabled false' },
    ...overrides,
  };
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
    schemaVersion: 1,
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
    hosts,
  });
}

export { esxiFacts, hypervFacts };
