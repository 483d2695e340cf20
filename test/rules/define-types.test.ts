// defineRule infers the platform from `platforms`: evaluate gets that platform's facts, so rules need no platform
// check of their own. The assertions are types: `npm run typecheck` (tsc over src and tests) fails when they do.
import { describe, expectTypeOf, it } from 'vitest';
import type { EsxiHostFacts, HostFacts, HypervHostFacts } from '../../src/core/model/index.js';
import { defineRule, noParams, result, type Rule } from '../../src/rules/kit/define.js';

const meta = {
  title: 't',
  severity: 'low',
  category: 'test',
  rationale: 'r',
  risk: 'r',
  remediation: { text: 't' },
  references: {},
  params: noParams,
} as const;

describe('defineRule: typed per platform', () => {
  it('gives an ESXi rule EsxiHostFacts, a Hyper-V rule HypervHostFacts, a host- rule the union', () => {
    const esxi = defineRule({
      ...meta,
      id: 'esxi-typed',
      platforms: ['esxi'],
      evaluate: (facts) => {
        expectTypeOf(facts).toEqualTypeOf<EsxiHostFacts>();
        // @ts-expect-error an ESXi rule's facts have no Hyper-V part
        void facts.hyperv;
        return result.pass(facts.esxi.acceptanceLevel === undefined ? 'a' : 'b', 'ok');
      },
    });
    const hyperv = defineRule({
      ...meta,
      id: 'hyperv-typed',
      platforms: ['hyperv'],
      evaluate: (facts) => {
        expectTypeOf(facts).toEqualTypeOf<HypervHostFacts>();
        return result.pass('hyperv', 'ok');
      },
    });
    const both = defineRule({
      ...meta,
      id: 'host-typed',
      platforms: ['esxi', 'hyperv'],
      evaluate: (facts) => {
        expectTypeOf(facts).toEqualTypeOf<HostFacts>();
        return result.pass('platform', facts.platform);
      },
    });
    // The registry and engine hold every rule as Rule, whose evaluate takes the union.
    expectTypeOf([esxi, hyperv, both]).toExtend<Rule[]>();
    expectTypeOf<Parameters<Rule['evaluate']>[0]>().toEqualTypeOf<HostFacts>();
  });
});
