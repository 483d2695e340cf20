import { describe, expect, it } from 'vitest';
import { RULE_PROFILES, type Rule } from '../../src/rules/kit/define.js';
import { findRule } from '../../src/rules/registry.js';
import { hypervFacts } from '../fixtures/facts.js';
import { runRule, testRule } from './tester.js';

const rule = findRule('hyperv-smb1-enabled')!;

describe('rule tester', () => {
  it('refuses a case without expected results', () => {
    expect(() => testRule(rule, [{ name: 'empty', facts: hypervFacts(), expect: [] }])).toThrow(
      'case "empty" has no expected results',
    );
  });

  it('refuses duplicate case names', () => {
    const c = { name: 'same', facts: hypervFacts(), expect: [{ status: 'pass' as const }] };
    expect(() => testRule(rule, [c, c])).toThrow('duplicate case name "same"');
  });

  it('refuses a case that gives both profile and profiles, or no profile in profiles', () => {
    const c = { name: 'both', facts: hypervFacts(), expect: [{ status: 'pass' as const }] };
    const refusal = 'case "both": give `profiles`';
    expect(() => testRule(rule, [{ ...c, profile: 'stig', profiles: ['lab'] }])).toThrow(refusal);
    expect(() => testRule(rule, [{ ...c, profiles: [] }])).toThrow(refusal);
  });

  it('runs one rule through the engine with profile and params', () => {
    const findings = runRule(rule, hypervFacts({ exposure: { smb: { smb1Enabled: true } } }), { profile: 'stig' });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['hyperv-smb1-enabled', 'fail']]);
  });
});

// A case that lists `profiles` runs once per profile: a rule that records the profile it is given proves it.
const profilesSeen: string[] = [];
const recording: Rule = {
  ...rule,
  evaluate: (facts, params, ctx) => (profilesSeen.push(ctx.profile), rule.evaluate(facts, params, ctx)),
};
const smb1Off = {
  name: 'SMB1 off',
  facts: hypervFacts(),
  profiles: RULE_PROFILES,
  expect: [{ status: 'pass' as const }],
};
testRule(recording, [smb1Off], { statuses: ['pass'] });
describe('rule tester, a case under several profiles', () => {
  it('ran the case once under each profile, in order', () => {
    expect(profilesSeen).toEqual(['scg', 'stig', 'lab']);
  });
});
