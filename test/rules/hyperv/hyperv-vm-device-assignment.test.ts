import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-device-assignment.js';

testRule(rule, [
  {
    name: 'none assigned',
    facts: hypervFacts({ vms: { count: 1, items: [vmFacts({ name: 'a', passthroughDevices: 0 })] } }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'GPU assigned',
    facts: hypervFacts({
      vms: {
        count: 2,
        items: [vmFacts({ name: 'a', passthroughDevices: 0 }), vmFacts({ name: 'gpu', passthroughDevices: 1 })],
      },
    }),
    expect: [{ status: 'fail', subject: 'gpu', observed: 1 }],
  },
  { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown', subject: 'dc01' }] },
  {
    name: 'Get-VMAssignableDevice failed for one VM: unknown with the reason',
    facts: hypervFacts({
      vms: {
        count: 1,
        items: [vmFacts({ name: 'a', passthroughDevices: unknown('Get-VMAssignableDevice did not answer') })],
      },
    }),
    expect: [{ status: 'unknown', subject: 'a', message: 'Get-VMAssignableDevice did not answer' }],
  },
]);
