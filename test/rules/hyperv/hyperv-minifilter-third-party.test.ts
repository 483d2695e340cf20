import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-minifilter-third-party.js';

const WD = { name: 'WdFilter', altitudes: ['328010'], company: 'Microsoft Corporation' };

testRule(rule, [
  {
    name: 'Microsoft filters only',
    facts: hypervFacts({ hyperv: { minifilters: [WD] } }),
    expect: [{ status: 'pass', observed: 1 }],
  },
  {
    name: 'a third-party filter',
    facts: hypervFacts({
      hyperv: { minifilters: [WD, { name: 'acmeflt', altitudes: ['321410'], company: 'Acme Security' }] },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'acmeflt',
        observed: { company: 'Acme Security', altitudes: ['321410'] },
        message: 'altitude 321410',
      },
    ],
  },
  {
    name: 'a filter whose company could not be read is unknown, not Microsoft',
    facts: hypervFacts({
      hyperv: {
        minifilters: [
          WD,
          { name: 'odd', altitudes: [], company: { unknown: true, reason: 'minifilter odd: registry not readable' } },
        ],
      },
    }),
    expect: [{ status: 'unknown', subject: 'odd', message: 'registry not readable' }],
  },
  { name: 'none listed passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
]);
