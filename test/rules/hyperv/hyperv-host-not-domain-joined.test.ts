import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-host-not-domain-joined.js';

testRule(rule, [
  { name: 'domain member', facts: hypervFacts(), expect: [{ status: 'pass', message: 'lab.local' }] },
  {
    name: 'workgroup',
    facts: hypervFacts({ exposure: { domain: { partOfDomain: false } } }),
    expect: [{ status: 'fail', severity: 'info' }],
  },
  {
    name: 'unknown',
    facts: hypervFacts({ exposure: { domain: { unknown: true, reason: 'CIM failed' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
