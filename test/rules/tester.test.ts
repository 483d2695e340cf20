import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/registry.js';
import { hypervFacts } from '../fixtures/facts.js';
import { runRule, testRule } from './tester.js';

const rule = findRule('hyperv-smb1-enabled')!;

describe('rule tester', () => {
  it('refuses a case without expected results', () => {
    expect(() => testRule(rule, [{ name: 'empty', facts: hypervFacts(), expect: [] }])).toThrow('case "empty" has no expected results');
  });

  it('refuses duplicate case names', () => {
    const c = { name: 'same', facts: hypervFacts(), expect: [{ status: 'pass' as const }] };
    expect(() => testRule(rule, [c, c])).toThrow('duplicate case name "same"');
  });

  it('runs one rule through the engine with profile and params', () => {
    const findings = runRule(rule, hypervFacts({ exposure: { smb: { smb1Enabled: true } } }), { profile: 'stig' });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['hyperv-smb1-enabled', 'fail']]);
  });
});
