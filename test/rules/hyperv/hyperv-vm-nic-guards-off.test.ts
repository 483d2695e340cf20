import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-nic-guards-off.js';

const nic = (vm: string, dhcpGuard?: boolean, routerGuard?: boolean) => ({
  vm,
  switchName: 'vSwitch-VM',
  macAddressSpoofing: false,
  dhcpGuard,
  routerGuard,
  vlanId: 20,
});

testRule(rule, [
  {
    name: 'guards on',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', true, true)] } }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'router guard off',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', true, false)] } }),
    expect: [{ status: 'fail', subject: 'a@vSwitch-VM', message: 'without router guard' }],
  },
  {
    name: 'not reported',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a')] } }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'adapters unreadable: unknown with the reason',
    facts: hypervFacts({
      hyperv: { vmNetworkAdapters: { unknown: true, reason: 'requires administrator: Get-VM returned no VMs' } },
    }),
    expect: [{ status: 'unknown', message: 'requires administrator: Get-VM returned no VMs' }],
  },
  { name: 'no VM adapter passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
]);
