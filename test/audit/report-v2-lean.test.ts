import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/diff/index.js';
import { FOOTPRINT_DEFINITIONS, isUnknown, unknownReason, type FootprintKey } from '../../src/core/model/index.js';
import { parseReport } from '../../src/report/read.js';
import type { ScanReport } from '../../src/core/report/schema.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { TEST_NOW } from '../rules/tester.js';
import { esxiFacts } from '../fixtures/facts.js';
import { host, report } from './report-fixture.js';

/** Today's report of one host, its findings from the real rules (unknowns and footprint results included). */
function leanReport(): ScanReport {
  const facts = esxiFacts({ esxi: { ntp: { unknown: true, reason: 'NoPermission' } } });
  return report([host({ name: 'esx01', facts, findings: evaluateHost(facts, { profile: 'scg', now: TEST_NOW }) })]);
}

/**
 * The same report as version 2 wrote it before the lean findings: each unknown's reason in evidence.reason too, and
 * every footprint measure carrying today's definition.
 */
function olderV2(lean: ScanReport): unknown {
  const older = structuredClone(lean) as ScanReport;
  for (const h of older.hosts) {
    for (const f of h.findings) if (f.status === 'unknown') f.evidence.reason = unknownReason(f);
    for (const [key, measure] of Object.entries(h.facts!.footprint)) {
      if (!isUnknown(measure)) measure.definition = FOOTPRINT_DEFINITIONS[key as FootprintKey];
    }
  }
  return JSON.parse(JSON.stringify(older));
}

describe('version 2 reports written before the lean findings', () => {
  it('read as before, give the same reasons, and diff against a lean report without new, resolved or drifted items', () => {
    const lean = leanReport();
    const unknowns = lean.hosts[0]!.findings.filter((f) => f.status === 'unknown');
    expect(unknowns.length).toBeGreaterThan(0);
    expect(unknowns.filter((f) => f.evidence.reason !== undefined)).toEqual([]);

    const older = parseReport(olderV2(lean), 'older.json');
    expect(older.hosts[0]!.findings.filter((f) => f.status === 'unknown').map(unknownReason)).toEqual(
      unknowns.map(unknownReason),
    );
    expect(unknowns.map(unknownReason)).toContain('NoPermission');

    const diff = diffReports(older, parseReport(JSON.parse(JSON.stringify(lean)), 'lean.json'));
    expect(diff.findings.new).toEqual([]);
    expect(diff.findings.resolved).toEqual([]);
    expect(diff.hosts.drift.flatMap((h) => h.changes)).toEqual([]);
  });
});
