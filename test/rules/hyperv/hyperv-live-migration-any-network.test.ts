import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-live-migration-any-network.js';

const lm = (useAnyNetwork: boolean, networks: string[]) =>
  hypervFacts({ hyperv: { migration: { enabled: true, useAnyNetwork, networks } } });

testRule(
  rule,
  [
    {
      name: 'dedicated network',
      facts: lm(false, ['10.0.30.0/24']),
      expect: [{ status: 'pass', observed: ['10.0.30.0/24'] }],
    },
    { name: 'any network', facts: lm(true, []), expect: [{ status: 'fail', observed: true }] },
    {
      name: 'restricted with no network',
      facts: lm(false, []),
      expect: [{ status: 'fail', path: 'hyperv.migration.networks' }],
    },
    { name: 'disabled', facts: hypervFacts(), expect: [{ status: 'not_applicable' }] },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { migration: { unknown: true, reason: 'Get-VMHost denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
