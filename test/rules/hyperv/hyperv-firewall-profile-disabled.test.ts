import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-firewall-profile-disabled.js';

testRule(rule, [
  {
    name: 'all on',
    facts: hypervFacts(),
    expect: [
      { status: 'pass', subject: 'Domain' },
      { status: 'pass', subject: 'Private' },
      { status: 'pass', subject: 'Public' },
    ],
  },
  {
    name: 'public off',
    facts: hypervFacts({
      exposure: {
        firewallProfiles: [
          { name: 'Domain', enabled: true, defaultInboundAction: 'Block' },
          { name: 'Public', enabled: false, defaultInboundAction: 'Block' },
        ],
      },
    }),
    expect: [
      { status: 'pass', subject: 'Domain' },
      { status: 'fail', subject: 'Public', observed: false },
    ],
  },
  {
    name: 'empty list is not "all on"',
    facts: hypervFacts({ exposure: { firewallProfiles: [] } }),
    expect: [{ status: 'unknown', message: 'no firewall profile' }],
  },
  {
    name: 'unreadable',
    facts: hypervFacts({ exposure: { firewallProfiles: { unknown: true, reason: 'NetSecurity module missing' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
