import { describe, expect, it } from 'vitest';
import { RULE_PROFILES } from '../../src/rules/kit/define.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { profileParams, resolveParams, validateParamOverrides } from '../../src/rules/params.js';
import { findRule, listRules } from '../../src/rules/registry.js';
import { hypervFacts, vmFacts } from '../fixtures/facts.js';
import { SEED_RULES } from '../fixtures/seed-hosts.js';
import { TEST_NOW } from './tester.js';

const seed = new Set<string>([...SEED_RULES.esxi, ...SEED_RULES.hyperv]);

describe('catalogue', () => {
  it('has at least 25 Hyper-V hardening rules besides the seed rules', () => {
    const hyperv = listRules().filter((r) => r.id.startsWith('hyperv-') && !seed.has(r.id));
    expect(hyperv.length).toBeGreaterThanOrEqual(25);
  });

  it('has every seed rule registered', () => {
    const ids = new Set(listRules().map((r) => r.id));
    for (const id of [...seed, 'host-cpu-virtualization-missing', 'host-footprint-measured'])
      expect(ids, id).toContain(id);
  });

  it('declares profile defaults only for parameters the rule has, and every profile resolves', () => {
    for (const rule of listRules()) {
      for (const profile of RULE_PROFILES)
        expect(() => resolveParams(rule, profile), `${rule.id}/${profile}`).not.toThrow();
    }
  });
});

describe('profiles', () => {
  it('differ where baselines disagree', () => {
    expect(profileParams(findRule('hyperv-vm-nested-virtualization')!)).toEqual({
      scg: { allowed: false },
      stig: { allowed: false },
      lab: { allowed: true },
    });
    expect(profileParams(findRule('hyperv-defender-signatures-stale')!)).toEqual({
      scg: { maxAgeDays: 7 },
      stig: { maxAgeDays: 7 },
      lab: { maxAgeDays: 30 },
    });
    expect(profileParams(findRule('hyperv-smb-encryption-off')!)).toEqual({
      scg: { required: true },
      stig: { required: false },
      lab: { required: false },
    });
  });

  it('change the outcome for the same host', () => {
    const facts = hypervFacts({
      vms: { count: 1, items: [vmFacts({ name: 'lab-hv', nestedVirtualization: true, checkpoints: 2 })] },
      firmware: { tpmPresent: false, tpmVersion: null },
    });
    const statuses = (profile: 'scg' | 'stig' | 'lab') =>
      Object.fromEntries(
        evaluateHost(facts, { profile, now: TEST_NOW })
          .filter((f) =>
            ['hyperv-vm-nested-virtualization', 'hyperv-vm-checkpoints-present', 'hyperv-tpm-missing'].includes(
              f.ruleId,
            ),
          )
          .map((f) => [f.ruleId, f.status]),
      );
    expect(statuses('scg')).toEqual({
      'hyperv-vm-nested-virtualization': 'fail',
      'hyperv-vm-checkpoints-present': 'fail',
      'hyperv-tpm-missing': 'fail',
    });
    expect(statuses('lab')).toEqual({
      'hyperv-vm-nested-virtualization': 'not_applicable',
      'hyperv-vm-checkpoints-present': 'pass',
      'hyperv-tpm-missing': 'not_applicable',
    });
  });

  it('config overrides are validated per rule, all problems at once', () => {
    const problems = validateParamOverrides(
      listRules(),
      {
        'hyperv-vm-checkpoints-present': { maxCheckpoints: -1 },
        'hyperv-defender-signatures-stale': { maxAgeDays: 3, colour: 'red' },
        'no-such-rule': {},
        'hyperv-vm-nested-virtualization': { allowed: true },
      },
      'scg',
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^rules\.params\.hyperv-vm-checkpoints-present\.maxCheckpoints: /);
    expect(problems[1]).toMatch(/^rules\.params\.hyperv-defender-signatures-stale: .*colour/);
    expect(problems[2]).toBe('rules.params.no-such-rule: no rule with this id');
  });
});
