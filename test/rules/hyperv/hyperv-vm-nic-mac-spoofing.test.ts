import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-nic-mac-spoofing.js';

const nic = (vm: string, macAddressSpoofing?: boolean) => ({
  vm,
  switchName: 'vSwitch-VM',
  macAddressSpoofing,
  dhcpGuard: true,
  routerGuard: true,
  vlanId: 20,
});

testRule(rule, [
  {
    name: 'off everywhere',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', false), nic('b', false)] } }),
    expect: [{ status: 'pass', observed: 2 }],
  },
  {
    name: 'one spoofing',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', false), nic('nlb', true)] } }),
    expect: [{ status: 'fail', subject: 'nlb@vSwitch-VM' }],
  },
  {
    name: 'not reported',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a')] } }),
    expect: [{ status: 'unknown' }],
  },
  { name: 'no VM adapter passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'unknown',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: { unknown: true, reason: 'Get-VMNetworkAdapter failed' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
