import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-vm-nic-guards-off.js';

const adapters = (...vmNetworkAdapters: ReturnType<typeof vmAdapter>[]) =>
  hypervFacts({ hyperv: { vmNetworkAdapters } });
const unreadVm =
  'Get-VMNetworkAdapter: The operation cannot be performed while the virtual machine is in its current state.';
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
  {
    // Before, a VM whose Get-VMNetworkAdapter failed simply had no adapters, and the rule passed without reading it.
    name: 'a VM whose adapters were not read: unknown quoting the VM and the failure, not a pass',
    facts: hypervFacts({
      hyperv: { vmNetworkAdapters: [vmAdapter('a')], vmNetworkAdaptersUnread: [{ vm: 'b', reason: unreadVm }] },
    }),
    expect: [{ status: 'unknown', message: `the adapters of VM b were not read: ${unreadVm}` }],
  },
  {
    name: 'a guard off on one VM, another VM unread: the fail stands, with an unknown for the unread VM',
    facts: hypervFacts({
      hyperv: {
        vmNetworkAdapters: [vmAdapter('a', { dhcpGuard: false })],
        vmNetworkAdaptersUnread: [{ vm: 'b', reason: unreadVm }],
      },
    }),
    expect: [
      { status: 'fail', subject: 'a@vSwitch-VM' },
      { status: 'unknown', message: `the adapters of VM b were not read: ${unreadVm}` },
    ],
  },
  {
    name: 'an older report that did not record unread VMs: unknown saying so, not a pass',
    facts: hypervFacts({
      hyperv: { vmNetworkAdapters: [vmAdapter('a')], vmNetworkAdaptersUnread: unknown('an older hvscan wrote it') },
    }),
    expect: [
      { status: 'unknown', message: "whether every VM's adapters were read is unknown: an older hvscan wrote it" },
    ],
  },
  { name: 'no VM adapter passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
]);
