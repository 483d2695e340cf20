import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-hypervisor-launch-not-auto.js';

testRule(rule, [
  { name: 'Auto', facts: hypervFacts({ hyperv: { hypervisorLaunchType: 'Auto' } }), expect: [{ status: 'pass' }] },
  {
    name: 'Off',
    facts: hypervFacts({ hyperv: { hypervisorLaunchType: 'Off' } }),
    expect: [{ status: 'fail', observed: 'Off', message: 'does not start' }],
  },
  {
    name: 'no value in the boot entry',
    facts: hypervFacts({ hyperv: { hypervisorLaunchType: 'NotSet' } }),
    expect: [{ status: 'fail', observed: 'NotSet' }],
  },
  {
    name: 'bcdedit refused to a non-elevated account',
    facts: hypervFacts({
      hyperv: { hypervisorLaunchType: { unknown: true, reason: 'requires administrator: bcdedit exited with 1' } },
    }),
    expect: [{ status: 'unknown', message: 'requires administrator' }],
  },
  { name: 'nothing but the hypervisor in the boot entry passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'role not installed',
    facts: hypervFacts({ hyperv: { hypervisorLaunchType: 'Off', role: { hypervInstalled: false } } }),
    expect: [{ status: 'not_applicable' }],
  },
]);
