import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-management-vlan-shared-with-vms.js';

const nic = (vm: string, switchName: string, vlanId: number | null) => ({ vm, switchName, macAddressSpoofing: false, dhcpGuard: true, routerGuard: true, vlanId });

testRule(rule, [
  { name: 'management VLAN apart', facts: hypervFacts({ hyperv: { vmNetworkAdapters: [nic('app', 'vSwitch-Mgmt', 20), nic('web', 'vSwitch-VM', 10)] } }), expect: [{ status: 'pass', subject: 'Management' }] },
  {
    name: 'untagged host vNIC and untagged VMs on one switch',
    facts: hypervFacts({
      exposure: { hostVnics: [{ name: 'Mgmt', switchName: 'External', vlanId: null }] },
      hyperv: { vmNetworkAdapters: [nic('app', 'External', null), nic('db', 'External', 30)] },
    }),
    expect: [{ status: 'fail', subject: 'Mgmt', observed: { switch: 'External', vlan: null, vms: ['app'] }, message: 'untagged' }],
  },
  { name: 'no host vNIC', facts: hypervFacts({ exposure: { hostVnics: [] } }), expect: [{ status: 'pass', path: 'exposure.hostVnics' }] },
  { name: 'adapters not collected', facts: hypervFacts(), expect: [{ status: 'unknown' }] },
  { name: 'vNICs unknown', facts: hypervFacts({ exposure: { hostVnics: { unknown: true, reason: 'denied' } } }), expect: [{ status: 'unknown' }] },
]);
