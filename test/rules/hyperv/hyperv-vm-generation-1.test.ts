import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-generation-1.js';

testRule(rule, [
  { name: 'gen 2', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'dc01' }] },
  {
    name: 'gen 1 and unreported',
    facts: hypervFacts({
      vms: { count: 2, items: [vmFacts({ name: 'old', generation: 1 }), vmFacts({ name: 'odd' })] },
    }),
    expect: [
      { status: 'fail', subject: 'old', path: 'vms.items[0].generation' },
      { status: 'unknown', subject: 'odd' },
    ],
  },
  {
    name: 'no VMs',
    facts: hypervFacts({ vms: { count: 0, items: [] } }),
    expect: [{ status: 'pass', path: 'vms.items' }],
  },
  {
    name: 'VM list unknown',
    facts: hypervFacts({ vms: { unknown: true, reason: 'Get-VM denied' } }),
    expect: [{ status: 'unknown', path: 'vms' }],
  },
]);
