import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-nested-virtualization.js';

const nested = hypervFacts({
  vms: {
    count: 2,
    items: [
      vmFacts({ name: 'lab-hv', nestedVirtualization: true }),
      vmFacts({ name: 'app', nestedVirtualization: false }),
    ],
  },
});

testRule(
  rule,
  [
    {
      name: 'nested on one VM',
      facts: nested,
      expect: [
        { status: 'fail', subject: 'lab-hv' },
        { status: 'pass', subject: 'app' },
      ],
    },
    { name: 'lab allows it', facts: nested, profile: 'lab', expect: [{ status: 'not_applicable' }] },
    { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown', subject: 'dc01' }] },
    {
      name: 'VM list unknown',
      facts: hypervFacts({ vms: { unknown: true, reason: 'denied' } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
