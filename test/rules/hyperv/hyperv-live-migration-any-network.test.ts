import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-live-migration-any-network.js';

const lm = (useAnyNetwork: boolean, networks: Array<string | { unknown: true; reason: string }>) =>
  hypervFacts({ hyperv: { migration: { enabled: true, useAnyNetwork, networks } } });

testRule(
  rule,
  [
    {
      name: 'dedicated network',
      facts: lm(false, ['10.0.30.0/24']),
      expect: [{ status: 'pass', observed: ['10.0.30.0/24'] }],
    },
    {
      // Before, a network without a subnet was dropped: with no other network the rule failed as "none configured".
      name: 'restricted to a network whose subnet was not reported: still restricted, the message says why',
      facts: lm(false, [
        { unknown: true, reason: 'Get-VMMigrationNetwork gave no Subnet for the network of priority 0' },
      ]),
      expect: [
        {
          status: 'pass',
          message:
            'a network whose subnet is unknown (Get-VMMigrationNetwork gave no Subnet for the network of priority 0)',
        },
      ],
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
