import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-checkpoints-present.js';

const three = hypervFacts({ vms: { count: 1, items: [vmFacts({ name: 'a', checkpoints: 3 })] } });

testRule(rule, [
  {
    name: 'none',
    facts: hypervFacts({ vms: { count: 1, items: [vmFacts({ name: 'a', checkpoints: 0 })] } }),
    expect: [{ status: 'pass' }],
  },
  { name: 'three (scg)', facts: three, expect: [{ status: 'fail', observed: 3 }] },
  { name: 'three (lab)', facts: three, profile: 'lab', expect: [{ status: 'pass', expected: '<= 20' }] },
  { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown' }] },
  {
    name: 'Get-VMSnapshot failed for one VM: unknown with the reason',
    facts: hypervFacts({
      vms: { count: 1, items: [vmFacts({ name: 'a', checkpoints: unknown('Get-VMSnapshot did not answer') })] },
    }),
    expect: [{ status: 'unknown', subject: 'a', message: 'Get-VMSnapshot did not answer' }],
  },
]);
