import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-replica-unencrypted-transport.js';

testRule(
  rule,
  [
    {
      name: 'certificate',
      facts: hypervFacts({ hyperv: { replica: { enabled: true, authenticationType: 'Certificate' } } }),
      expect: [{ status: 'pass' }],
    },
    {
      name: 'Kerberos and certificate',
      facts: hypervFacts({ hyperv: { replica: { enabled: true, authenticationType: 'CertificateAndKerberos' } } }),
      expect: [{ status: 'fail' }],
    },
    { name: 'not a replica server', facts: hypervFacts(), expect: [{ status: 'not_applicable' }] },
    {
      name: 'type unreadable: unknown quoting why',
      facts: hypervFacts({
        hyperv: {
          replica: {
            enabled: true,
            authenticationType: { unknown: true, reason: 'Get-VMReplicationServer gave no AllowedAuthenticationType' },
          },
        },
      }),
      expect: [{ status: 'unknown', message: 'gave no AllowedAuthenticationType' }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { replica: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
