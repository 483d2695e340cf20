import { testRule } from '../tester.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-firewall-inbound-allowed.js';

testRule(
  rule,
  [
    { name: 'all block', facts: hypervFacts(), expect: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }] },
    {
      // Before, an unreadable action was left out and the message said only "was not reported".
      name: 'allow, off, unreadable: the unknown quotes why',
      facts: hypervFacts({
        exposure: {
          firewallProfiles: [
            { name: 'Domain', enabled: true, defaultInboundAction: 'Allow' },
            { name: 'Private', enabled: false, defaultInboundAction: 'Block' },
            {
              name: 'Public',
              enabled: true,
              defaultInboundAction: unknown('Get-NetFirewallProfile gave no DefaultInboundAction for profile Public'),
            },
          ],
        },
      }),
      expect: [
        { status: 'fail', subject: 'Domain' },
        { status: 'not_applicable', subject: 'Private' },
        {
          status: 'unknown',
          subject: 'Public',
          path: 'exposure.firewallProfiles[Public].defaultInboundAction',
          message: 'Get-NetFirewallProfile gave no DefaultInboundAction for profile Public',
        },
      ],
    },
    {
      // Set-NetFirewallProfile (Microsoft Learn): NotConfigured leaves the computer's value, whose default is Block.
      name: 'NotConfigured in the active store: the default Block applies, and the message says so',
      facts: hypervFacts({
        exposure: {
          firewallProfiles: [
            { name: 'Domain', enabled: true, defaultInboundAction: 'NotConfigured' },
            { name: 'Private', enabled: true, defaultInboundAction: '3' },
          ],
        },
      }),
      expect: [
        { status: 'pass', subject: 'Domain', observed: 'NotConfigured', message: 'default for a computer, Block' },
        { status: 'unknown', subject: 'Private', message: 'default inbound action "3"' },
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
