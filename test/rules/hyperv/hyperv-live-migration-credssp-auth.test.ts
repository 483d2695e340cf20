import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-live-migration-credssp-auth.js';

testRule(
  rule,
  [
    {
      name: 'Kerberos',
      facts: hypervFacts({ hyperv: { migration: { enabled: true } } }),
      expect: [{ status: 'pass', observed: 'Kerberos' }],
    },
    {
      name: 'CredSSP',
      facts: hypervFacts({ hyperv: { migration: { enabled: true, authenticationType: 'CredSSP' } } }),
      expect: [{ status: 'fail', observed: 'CredSSP' }],
    },
    {
      // Before, the mapping wrote 'unknown' as the type and the rule failed: "authenticates with unknown".
      name: 'type not reported: unknown quoting why, not a failure',
      facts: hypervFacts({
        hyperv: {
          migration: {
            enabled: true,
            authenticationType: {
              unknown: true,
              reason: 'Get-VMHost gave no VirtualMachineMigrationAuthenticationType',
            },
          },
        },
      }),
      expect: [
        {
          status: 'unknown',
          path: 'hyperv.migration.authenticationType',
          message: 'Get-VMHost gave no VirtualMachineMigrationAuthenticationType',
        },
      ],
    },
    {
      name: 'disabled',
      facts: hypervFacts({ hyperv: { migration: { authenticationType: 'CredSSP' } } }),
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { migration: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
