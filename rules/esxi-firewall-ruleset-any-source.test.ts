import { testRule } from '../test/rules/tester.js';
import { esxiFacts } from '../test/fixtures/facts.js';
import rule from './esxi-firewall-ruleset-any-source.js';

const ruleset = (key: string, enabled: boolean, allowedAllIp: boolean, direction = 'inbound') => ({
  key, enabled, allowedAllIp, allowedIps: [], allowedNetworks: [], rules: [{ port: 22, protocol: 'tcp', direction }],
});

testRule(rule, [
  { name: 'restricted', facts: esxiFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'open rulesets (disabled and outbound ones do not count)',
    facts: esxiFacts({
      exposure: { firewall: { incomingBlocked: false, outgoingBlocked: true, rulesets: [ruleset('sshServer', true, true), ruleset('webAccess', false, true), ruleset('httpClient', true, true, 'outbound')] } },
    }),
    expect: [{ status: 'fail', subject: 'sshServer', message: 'tcp/22' }],
  },
  { name: 'unknown', facts: esxiFacts({ exposure: { firewall: { unknown: true, reason: 'firewallInfo not returned' } } }), expect: [{ status: 'unknown' }] },
]);
