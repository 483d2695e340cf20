import { describe, expect, it } from 'vitest';
import {
  Finding,
  unknownReason,
  type HostFacts,
  type ResultStatus,
  type Severity,
} from '../../src/core/model/index.js';
import type { Rule, RuleProfile } from '../../src/rules/kit/define.js';
import { evaluateHost } from '../../src/rules/engine.js';

/** The fixed clock of rule tests (rules never read Date.now). */
export const TEST_NOW = new Date('2026-02-01T12:00:00.000Z');

/** What one result must look like; only the keys given are compared. `message` matches as substring or RegExp. */
export interface ExpectedResult {
  status: ResultStatus;
  subject?: string;
  path?: string;
  message?: string | RegExp;
  severity?: Severity;
  observed?: unknown;
  expected?: unknown;
  unverified?: boolean;
  /** Part of the evidence's provenance note (what the reference could not confirm). */
  provenance?: string;
}

export interface RuleCase {
  name: string;
  facts: HostFacts;
  profile?: RuleProfile;
  /** Runs the case once under each profile listed (named "<case> (<profile>)"), instead of the one `profile`. */
  profiles?: readonly RuleProfile[];
  /** Parameter overrides for this rule (as config would give them). */
  params?: Record<string, unknown>;
  now?: Date;
  /** Every result the rule must return, in order. A case without expectations is refused. */
  expect: ExpectedResult[];
}

export interface RuleTestOptions {
  /** Statuses the cases must cover together (default pass, fail, unknown). */
  statuses?: ResultStatus[];
}

/** Runs a rule through the engine (params resolved, findings built) and returns its findings. */
export function runRule(
  rule: Rule,
  facts: HostFacts,
  options: Omit<RuleCase, 'name' | 'facts' | 'expect'> = {},
): Finding[] {
  return evaluateHost(facts, {
    profile: options.profile ?? 'scg',
    params: options.params ? { [rule.id]: options.params } : undefined,
    now: options.now ?? TEST_NOW,
    rules: [rule],
  });
}

function project(finding: Finding, wanted: ExpectedResult): Record<string, unknown> {
  const actual: Record<string, unknown> = {
    status: finding.status,
    subject: finding.subject,
    path: finding.evidence.path,
    severity: finding.severity,
    observed: finding.evidence.observed,
    expected: finding.evidence.expected,
    unverified: finding.evidence.unverified,
  };
  return Object.fromEntries(
    Object.keys(wanted)
      .filter((k) => k !== 'message' && k !== 'provenance')
      .map((k) => [k, actual[k]]),
  );
}

function describeResults(findings: Finding[]): string {
  return findings.map((f) => `${f.status}${f.subject ? ` [${f.subject}]` : ''}: ${f.message}`).join('\n');
}

/** One case per profile for a case that lists `profiles`; other cases as they are. */
function perProfile(cases: RuleCase[]): RuleCase[] {
  return cases.flatMap(({ profiles, ...c }) => {
    if (!profiles) return [c];
    if (profiles.length === 0 || c.profile) {
      throw new Error(`case "${c.name}": give \`profiles\` (not empty) or \`profile\`, not both`);
    }
    return profiles.map((profile) => ({ ...c, name: `${c.name} (${profile})`, profile }));
  });
}

/** Table-driven rule test (ESLint RuleTester style): each case is host facts → the exact list of expected results. */
export function testRule(rule: Rule, tableCases: RuleCase[], options: RuleTestOptions = {}): void {
  const cases = perProfile(tableCases);
  const names = new Set<string>();
  for (const c of cases) {
    if (c.expect.length === 0) throw new Error(`${rule.id}: case "${c.name}" has no expected results`);
    if (names.has(c.name)) throw new Error(`${rule.id}: duplicate case name "${c.name}"`);
    names.add(c.name);
  }
  describe(rule.id, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = runRule(rule, c.facts, c);
        for (const finding of findings) Finding.parse(finding);
        expect(findings.length, `results:\n${describeResults(findings)}`).toBe(c.expect.length);
        c.expect.forEach((wanted, i) => {
          const finding = findings[i]!;
          expect(finding.message, 'a rule error is never an expected result').not.toMatch(/^rule error:/);
          expect(project(finding, wanted), `result ${i}: ${finding.message}`).toEqual(
            Object.fromEntries(Object.entries(wanted).filter(([k]) => k !== 'message' && k !== 'provenance')),
          );
          if (wanted.provenance) expect(finding.evidence.provenance).toContain(wanted.provenance);
          if (typeof wanted.message === 'string') expect(finding.message).toContain(wanted.message);
          else if (wanted.message) expect(finding.message).toMatch(wanted.message);
          if (finding.status === 'unknown')
            expect(unknownReason(finding), 'unknown results quote a reason').toBeTruthy();
        });
      });
    }
    it('cases cover the required statuses', () => {
      const covered = new Set(cases.flatMap((c) => c.expect.map((e) => e.status)));
      for (const status of options.statuses ?? ['pass', 'fail', 'unknown']) expect([...covered]).toContain(status);
    });
  });
}
