import { unknown } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-vm-nic-mac-spoofing.js';

const adapters = (...vmNetworkAdapters: ReturnType<typeof vmAdapter>[]) =>
  hypervFacts({ hyperv: { vmNetworkAdapters } });

testRule(rule, [
  {
    name: 'off everywhere',
    facts: adapters(vmAdapter('a'), vmAdapter('b')),
    expect: [{ status: 'pass', observed: 2 }],
  },
  {
    name: 'one spoofing',
    facts: adapters(vmAdapter('a'), vmAdapter('nlb', { macAddressSpoofing: true })),
    expect: [
      { status: 'fail', subject: 'nlb@vSwitch-VM', message: 'nlb may spoof MAC addresses on switch vSwitch-VM.' },
    ],
  },
  {
    // Before, the message named neither the adapter nor the value the host gave.
    name: 'a value neither On nor Off: unknown quoting it',
    facts: adapters(
      vmAdapter('a', {
        macAddressSpoofing: unknown(
          'Get-VMNetworkAdapter gave MacAddressSpoofing "7" for the adapter of VM "a" on switch "vSwitch-VM", neither On nor Off',
        ),
      }),
    ),
    expect: [{ status: 'unknown', message: 'MacAddressSpoofing "7" for the adapter of VM "a" on switch "vSwitch-VM"' }],
  },
  {
    name: 'spoofing on an adapter not connected to a switch',
    facts: adapters(vmAdapter('spare', { switchName: undefined, macAddressSpoofing: true })),
    expect: [{ status: 'fail', subject: 'spare', message: 'on no switch (not connected)' }],
  },
  { name: 'no VM adapter passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'unknown',
    facts: hypervFacts({ hyperv: { vmNetworkAdapters: { unknown: true, reason: 'Get-VMNetworkAdapter failed' } } }),
    expect: [{ status: 'unknown', message: 'Get-VMNetworkAdapter failed' }],
  },
]);
