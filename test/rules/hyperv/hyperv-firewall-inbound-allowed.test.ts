import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-firewall-inbound-allowed.js';

testRule(
  rule,
  [
    { name: 'all block', facts: hypervFacts(), expect: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }] },
    {
      name: 'allow, off, not reported',
      facts: hypervFacts({
        exposure: {
          firewallProfiles: [
            { name: 'Domain', enabled: true, defaultInboundAction: 'Allow' },
            { name: 'Private', enabled: false },
            { name: 'Public', enabled: true },
          ],
        },
      }),
      expect: [
        { status: 'fail', subject: 'Domain' },
        { status: 'not_applicable', subject: 'Private' },
        { status: 'unknown', subject: 'Public' },
      ],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ exposure: { firewallProfiles: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
