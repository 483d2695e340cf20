import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-port-mirroring.js';

const nic = (vm: string, portMirroring?: string) => ({
  vm,
  switchName: 'vSwitch-VM',
  macAddressSpoofing: false,
  dhcpGuard: true,
  routerGuard: true,
  vlanId: 20,
  portMirroring,
});

testRule(rule, [
  {
    name: 'no mirroring',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', 'None'), nic('b', 'Source')] } }),
    expect: [{ status: 'pass', observed: 2 }],
  },
  {
    name: 'a destination port',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('app', 'Source'), nic('ids', 'Destination')] } }),
    expect: [{ status: 'fail', subject: 'ids@vSwitch-VM', observed: 'Destination' }],
  },
  {
    name: 'not reported',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('a', 'None'), nic('b')] } }),
    expect: [{ status: 'unknown', message: 'PortMirroringMode' }],
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
