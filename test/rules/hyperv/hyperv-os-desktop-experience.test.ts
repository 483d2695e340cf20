import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-os-desktop-experience.js';

testRule(rule, [
  { name: 'Server Core', facts: hypervFacts(), expect: [{ status: 'pass', observed: 'Server Core' }] },
  {
    name: 'Desktop Experience',
    facts: hypervFacts({ hyperv: { os: { installationType: 'Server' } } }),
    expect: [{ status: 'fail', observed: 'Server' }],
  },
  {
    name: 'registry unreadable',
    facts: hypervFacts({ hyperv: { os: { installationType: { unknown: true, reason: 'access denied' } } } }),
    expect: [{ status: 'unknown', message: 'access denied' }],
  },
]);
