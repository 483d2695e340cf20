import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-secure-boot-off.js';

testRule(rule, [
  { name: 'on', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'dc01' }] },
  {
    name: 'off, gen 1 skipped, unknown',
    facts: hypervFacts({
      vms: {
        count: 3,
        items: [
          vmFacts({ name: 'a', generation: 2, secureBoot: false }),
          vmFacts({ name: 'legacy', generation: 1 }),
          vmFacts({ name: 'c', generation: 2, secureBoot: { unknown: true, reason: 'Get-VMFirmware failed' } }),
        ],
      },
    }),
    expect: [
      { status: 'fail', subject: 'a' },
      { status: 'unknown', subject: 'c', message: 'Get-VMFirmware' },
    ],
  },
  {
    name: 'only gen 1 VMs',
    facts: hypervFacts({ vms: { count: 1, items: [vmFacts({ name: 'legacy', generation: 1 })] } }),
    expect: [{ status: 'pass', path: 'vms.items' }],
  },
  {
    name: 'VM list unknown',
    facts: hypervFacts({ vms: { unknown: true, reason: 'denied' } }),
    expect: [{ status: 'unknown' }],
  },
]);
