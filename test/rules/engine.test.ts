import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Finding, unknownReason } from '../../src/core/model/index.js';
import { defineRule, result, type Rule } from '../../src/rules/kit/define.js';
import { evaluateHost, SUPPRESSION_EXPIRED_RULE_ID } from '../../src/rules/engine.js';
import { ruleCatalogue } from '../../src/rules/catalogue.js';
import { findingId, hostIdentity } from '../../src/rules/finding-id.js';
import { RuleParamsError } from '../../src/rules/params.js';
import { esxiFacts, hypervFacts } from '../fixtures/facts.js';
import { TEST_NOW } from './tester.js';

const meta = {
  severity: 'high' as const,
  category: 'test',
  rationale: 'r',
  risk: 'r',
  remediation: { text: 'fix it' },
  references: { urls: ['https://example.org/x'] },
};

const lockout = defineRule({
  ...meta,
  id: 'esxi-test-lockout',
  title: 'Lockout threshold',
  platforms: ['esxi'],
  params: z.object({ maxFailures: z.number().int().min(1).default(5) }).strict(),
  profileDefaults: { stig: { maxFailures: 3 } },
  evaluate(facts, params) {
    return result.fail(
      'esxi.advancedOptions[Security.AccountLockFailures]',
      `limit ${params.maxFailures}`,
      10,
      params.maxFailures,
      'lockout',
    );
  },
});
const throwing = defineRule({
  ...meta,
  id: 'esxi-test-throws',
  title: 'Throws',
  platforms: ['esxi', 'hyperv'],
  params: z.object({}).strict(),
  evaluate() {
    throw new Error('boom');
  },
});
const hypervOnly = defineRule({
  ...meta,
  id: 'hyperv-test-only',
  title: 'Hyper-V only',
  platforms: ['hyperv'],
  params: z.object({}).strict(),
  evaluate: () => result.pass('hyperv.os', 'ok'),
});
const rules: Rule[] = [lockout, throwing, hypervOnly];

describe('evaluateHost', () => {
  it('filters rules by platform, isolates a throwing rule, and builds valid findings', () => {
    const findings = evaluateHost(esxiFacts(), { profile: 'scg', now: TEST_NOW, rules });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['esxi-test-lockout', 'fail'],
      ['esxi-test-throws', 'unknown'],
    ]);
    expect(findings[1]!.message).toBe('rule error: boom');
    for (const f of findings) Finding.parse(f);
    // How facts were collected is the host's (facts.collection), not repeated in every finding.
    expect(Object.keys(findings[0]!.evidence)).not.toContain('collectedBy');
    expect(ruleCatalogue(rules)['esxi-test-lockout']!.references).toEqual({ urls: ['https://example.org/x'] });
  });

  it("writes an unknown result's reason once: in the message when that only states it, else beside the message", () => {
    const unknowns = defineRule({
      ...meta,
      id: 'esxi-test-unknowns',
      title: 'Unknowns',
      platforms: ['esxi'],
      params: z.object({}).strict(),
      evaluate: () => [
        result.unknown('esxi.ntp', { unknown: true, reason: 'NoPermission' }, 'helper'),
        {
          status: 'unknown',
          message: 'NTP unreadable',
          evidence: { path: 'esxi.ntp', reason: 'NoPermission' },
          subject: 'own message',
        },
      ],
    });
    const [helper, own] = evaluateHost(esxiFacts(), { profile: 'scg', now: TEST_NOW, rules: [unknowns] });
    expect(helper!.message).toBe('Cannot judge: NoPermission');
    expect(helper!.evidence).toEqual({ path: 'esxi.ntp' });
    expect(own!.evidence).toEqual({ path: 'esxi.ntp', reason: 'NoPermission' });
    expect([helper, own].map((f) => unknownReason(f!))).toEqual(['NoPermission', 'NoPermission']);
    // A report written before the reason was kept once still reads the same.
    expect(unknownReason({ ...helper!, evidence: { path: 'esxi.ntp', reason: 'NoPermission' } })).toBe('NoPermission');
  });

  it('applies per-profile defaults and config overrides', () => {
    const message = (profile: 'scg' | 'stig', params?: Record<string, Record<string, unknown>>) =>
      evaluateHost(esxiFacts(), { profile, params, now: TEST_NOW, rules: [lockout] })[0]!.message;
    expect(message('scg')).toBe('limit 5');
    expect(message('stig')).toBe('limit 3');
    expect(message('stig', { 'esxi-test-lockout': { maxFailures: 4 } })).toBe('limit 4');
  });

  it('rejects an invalid override naming rule and field', () => {
    expect(() =>
      evaluateHost(esxiFacts(), {
        profile: 'scg',
        params: { 'esxi-test-lockout': { maxFailures: 0 } },
        now: TEST_NOW,
        rules: [lockout],
      }),
    ).toThrow(/rules\.params\.esxi-test-lockout\.maxFailures/);
    expect(() =>
      evaluateHost(esxiFacts(), {
        profile: 'scg',
        params: { 'esxi-test-lockout': { nope: 1 } },
        now: TEST_NOW,
        rules: [lockout],
      }),
    ).toThrow(RuleParamsError);
  });

  it('gives deterministic ids that depend on rule, host identity and subject', () => {
    const a = evaluateHost(esxiFacts(), { profile: 'scg', now: TEST_NOW, rules: [lockout] })[0]!;
    const b = evaluateHost(esxiFacts(), { profile: 'stig', now: new Date(0), rules: [lockout] })[0]!;
    expect(a.id).toBe(b.id);
    const other = evaluateHost(esxiFacts({ identity: { systemUuid: 'ffff' } }), {
      profile: 'scg',
      now: TEST_NOW,
      rules: [lockout],
    })[0]!;
    expect(other.id).not.toBe(a.id);
    const noUuid = esxiFacts({ identity: { systemUuid: { unknown: true, reason: 'NoPermission' } } });
    expect(hostIdentity(noUuid)).toBe('esxi\u0000esx01\u0000');
    expect(findingId('r', 'h', 's1')).not.toBe(findingId('r', 'h', 's2'));
    expect(a.id).toMatch(/^[0-9a-f]{20}$/);
    const identity = hostIdentity(esxiFacts());
    expect(a.id).toBe(
      createHash('sha256').update(`esxi-test-lockout\u0000${identity}\u0000lockout`).digest('hex').slice(0, 20),
    );
  });

  it('marks suppressed results and turns an expired suppression into a finding', () => {
    const suppressions = [
      { rule: 'esxi-test-*', hosts: 'esx0?', reason: 'accepted', owner: 'ops', ticket: 'T-1', expires: '2026-02-01' },
      { rule: 'esxi-test-throws', hosts: '/^esx/', reason: 'old', expires: '2026-01-31' },
      { rule: 'esxi-test-lockout', hosts: 'other-host', reason: 'elsewhere', expires: '2020-01-01' },
    ];
    const findings = evaluateHost(esxiFacts(), { profile: 'scg', now: TEST_NOW, rules, suppressions });
    expect(findings[0]!.suppressed).toEqual({ reason: 'accepted', owner: 'ops', ticket: 'T-1', expires: '2026-02-01' });
    expect(findings[1]!.suppressed?.reason).toBe('accepted');
    const expired = findings.filter((f) => f.ruleId === SUPPRESSION_EXPIRED_RULE_ID);
    expect(expired).toHaveLength(1);
    expect(expired[0]!.message).toContain('expired on 2026-01-31');
    Finding.parse(expired[0]);
    const nextDay = evaluateHost(esxiFacts(), {
      profile: 'scg',
      now: new Date('2026-02-02T00:00:01Z'),
      rules,
      suppressions,
    });
    expect(nextDay[0]!.suppressed).toBeUndefined();
  });

  it('leaves passes unsuppressed and runs Hyper-V rules on Hyper-V hosts', () => {
    const findings = evaluateHost(hypervFacts(), {
      profile: 'lab',
      now: TEST_NOW,
      rules,
      suppressions: [{ rule: '*', hosts: '*', reason: 'all', expires: '2030-01-01' }],
    });
    expect(findings.map((f) => [f.ruleId, f.status, Boolean(f.suppressed)])).toEqual([
      ['esxi-test-throws', 'unknown', true],
      ['hyperv-test-only', 'pass', false],
    ]);
  });
});
