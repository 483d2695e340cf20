import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-vtpm-missing.js';

const noTpm = hypervFacts({ vms: { count: 1, items: [vmFacts({ name: 'web', generation: 2, vtpm: false })] } });

testRule(
  rule,
  [
    { name: 'vTPM on', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'dc01' }] },
    { name: 'no vTPM', facts: noTpm, expect: [{ status: 'fail', subject: 'web' }] },
    { name: 'lab', facts: noTpm, profile: 'lab', expect: [{ status: 'not_applicable' }] },
    {
      name: 'Get-VMSecurity failed',
      facts: hypervFacts({
        vms: {
          count: 1,
          items: [vmFacts({ name: 'web', generation: 2, vtpm: { unknown: true, reason: 'Get-VMSecurity failed' } })],
        },
      }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
