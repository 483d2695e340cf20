import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-replica-any-server.js';

testRule(
  rule,
  [
    {
      name: 'specific primaries',
      facts: hypervFacts({ hyperv: { replica: { enabled: true, allowedFromAnyServer: false } } }),
      expect: [{ status: 'pass' }],
    },
    {
      name: 'any server',
      facts: hypervFacts({ hyperv: { replica: { enabled: true, allowedFromAnyServer: true } } }),
      expect: [{ status: 'fail' }],
    },
    { name: 'not a replica server', facts: hypervFacts(), expect: [{ status: 'not_applicable' }] },
    {
      name: 'value unreadable: unknown quoting why',
      facts: hypervFacts({
        hyperv: {
          replica: {
            enabled: true,
            allowedFromAnyServer: {
              unknown: true,
              reason: 'Get-VMReplicationServer gave no ReplicationAllowedFromAnyServer',
            },
          },
        },
      }),
      expect: [{ status: 'unknown', message: 'gave no ReplicationAllowedFromAnyServer' }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { replica: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
