import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-vm-nic-guards-off.js';

const adapters = (...vmNetworkAdapters: ReturnType<typeof vmAdapter>[]) =>
  hypervFacts({ hyperv: { vmNetworkAdapters } });
const unreadable = unknown('Get-VMNetworkAdapter gave no RouterGuard for the adapter of VM "a" on switch "vSwitch-VM"');

testRule(rule, [
  { name: 'guards on', facts: adapters(vmAdapter('a')), expect: [{ status: 'pass' }] },
  {
    name: 'router guard off',
    facts: adapters(vmAdapter('a', { routerGuard: false })),
    expect: [{ status: 'fail', subject: 'a@vSwitch-VM', message: 'without router guard' }],
  },
  {
    // Before, a guard the adapter did not report gave a message that named no VM and no reason.
    name: 'a guard unreadable: unknown quoting the adapter and why',
    facts: adapters(vmAdapter('a', { routerGuard: unreadable }), vmAdapter('b')),
    expect: [{ status: 'unknown', message: unreadable.reason }],
  },
  {
    name: 'DHCP guard off while router guard is unreadable: fail, the unread guard observed as null',
    facts: adapters(vmAdapter('a', { dhcpGuard: false, routerGuard: unreadable })),
    expect: [{ status: 'fail', message: 'without DHCP guard.', observed: { dhcpGuard: false, routerGuard: null } }],
  },
  {
    name: 'an adapter not connected to a switch says so',
    facts: adapters(vmAdapter('lab', { switchName: undefined, dhcpGuard: false })),
    expect: [{ status: 'fail', subject: 'lab', message: 'lab on no switch (not connected) runs without DHCP guard.' }],
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
