import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-vm-port-mirroring.js';

const adapters = (...vmNetworkAdapters: ReturnType<typeof vmAdapter>[]) =>
  hypervFacts({ hyperv: { vmNetworkAdapters } });

testRule(rule, [
  {
    name: 'no mirroring',
    facts: adapters(vmAdapter('a'), vmAdapter('b', { portMirroring: 'Source' })),
    expect: [{ status: 'pass', observed: 2 }],
  },
  {
    name: 'a destination port',
    facts: adapters(vmAdapter('app', { portMirroring: 'Source' }), vmAdapter('ids', { portMirroring: 'Destination' })),
    expect: [{ status: 'fail', subject: 'ids@vSwitch-VM', observed: 'Destination' }],
  },
  {
    // Before, the message said only that PortMirroringMode was not reported for every adapter.
    name: 'mode unreadable on one adapter: unknown naming it',
    facts: adapters(
      vmAdapter('a'),
      vmAdapter('b', {
        portMirroring: unknown(
          'Get-VMNetworkAdapter gave no PortMirroringMode for the adapter of VM "b" on switch "vSwitch-VM"',
        ),
      }),
    ),
    expect: [{ status: 'unknown', message: 'no PortMirroringMode for the adapter of VM "b" on switch "vSwitch-VM"' }],
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
