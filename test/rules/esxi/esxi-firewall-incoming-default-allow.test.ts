import rule from '../../../rules/esxi-firewall-incoming-default-allow.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

testRule(rule, [
  {
    name: 'incoming blocked passes',
    facts: esxiFacts(),
    expect: [{ status: 'pass', path: 'exposure.firewall.incomingBlocked', observed: true }],
  },
  {
    name: 'incoming allowed fails',
    facts: esxiFacts({ exposure: { firewall: { incomingBlocked: false } } }),
    expect: [{ status: 'fail', path: 'exposure.firewall.incomingBlocked', observed: false }],
  },
  {
    name: 'unknown firewall',
    facts: esxiFacts({ exposure: { firewall: unknown('firewallInfo not returned') } }),
    expect: [{ status: 'unknown', path: 'exposure.firewall' }],
  },
]);
