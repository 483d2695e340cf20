import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-rdp-without-nla.js';

testRule(rule, [
  { name: 'RDP disabled', facts: hypervFacts(), expect: [{ status: 'pass', path: 'exposure.rdp.enabled' }] },
  {
    name: 'RDP with NLA',
    facts: hypervFacts({ exposure: { rdp: { enabled: true, nla: true } } }),
    expect: [{ status: 'pass', path: 'exposure.rdp.nla' }],
  },
  {
    name: 'RDP without NLA',
    facts: hypervFacts({ exposure: { rdp: { enabled: true, nla: false } } }),
    expect: [{ status: 'fail', observed: false }],
  },
  {
    name: 'unreadable',
    facts: hypervFacts({ exposure: { rdp: { unknown: true, reason: 'registry denied' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
