import { unknown, type Fact } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { esxiFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/esxi-firewall-ruleset-any-source.js';

const ruleset = (key: string, enabled: Fact<boolean>, allowedAllIp: Fact<boolean>, direction = 'inbound') => ({
  key,
  enabled,
  allowedAllIp,
  allowedIps: [],
  allowedNetworks: [],
  rules: [{ port: 22, protocol: 'tcp', direction }],
});

testRule(rule, [
  { name: 'restricted', facts: esxiFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'open rulesets (disabled and outbound ones do not count)',
    facts: esxiFacts({
      exposure: {
        firewall: {
          incomingBlocked: false,
          outgoingBlocked: true,
          rulesets: [
            ruleset('sshServer', true, true),
            ruleset('webAccess', false, true),
            ruleset('httpClient', true, true, 'outbound'),
          ],
        },
      },
    }),
    expect: [{ status: 'fail', subject: 'sshServer', message: 'tcp/22' }],
  },
  {
    name: 'an unreported flag is unknown for that ruleset unless the other flag is false',
    facts: esxiFacts({
      exposure: {
        firewall: {
          incomingBlocked: true,
          outgoingBlocked: true,
          rulesets: [
            ruleset('sshServer', unknown('firewall ruleset sshServer: enabled not reported by the host'), true),
            ruleset('CIMSLP', true, unknown('firewall ruleset CIMSLP: allowedHosts.allIp not reported by the host')),
            ruleset('webAccess', false, unknown('allowedHosts.allIp not reported')),
            ruleset('vSphereClient', unknown('enabled not reported'), false),
          ],
        },
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'sshServer',
        path: 'exposure.firewall.rulesets[sshServer].enabled',
        message: 'sshServer: enabled not reported',
      },
      {
        status: 'unknown',
        subject: 'CIMSLP',
        path: 'exposure.firewall.rulesets[CIMSLP].allowedAllIp',
        message: 'allowedHosts.allIp not reported',
      },
    ],
  },
  {
    name: 'an open ruleset whose rules were unreadable is unknown with the reason (it may be inbound)',
    facts: esxiFacts({
      exposure: {
        firewall: {
          incomingBlocked: true,
          outgoingBlocked: true,
          rulesets: [
            {
              ...ruleset('sshServer', true, true),
              rules: unknown('firewall ruleset sshServer: rule 1 has no port, which vim25 HostFirewallRule requires'),
            },
            {
              ...ruleset('webAccess', true, false),
              rules: unknown(
                'firewall ruleset webAccess: rule 1 has no direction, which vim25 HostFirewallRule requires',
              ),
            },
          ],
        },
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'sshServer',
        path: 'exposure.firewall.rulesets[sshServer].rules',
        message: 'rule 1 has no port',
      },
    ],
  },
  {
    name: 'unknown',
    facts: esxiFacts({ exposure: { firewall: { unknown: true, reason: 'firewallInfo not returned' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
