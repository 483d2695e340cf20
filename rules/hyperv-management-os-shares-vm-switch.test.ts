import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-management-os-shares-vm-switch.js';

const ext = (name: string, allowManagementOS: boolean) => ({ name, switchType: 'External', allowManagementOS });

testRule(rule, [
  { name: 'VM-only external switch', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'vSwitch-VM' }] },
  {
    name: 'management OS on one of two external switches',
    facts: hypervFacts({ exposure: { switches: [ext('Mgmt', false), ext('VMs', true)] } }),
    expect: [
      { status: 'pass', subject: 'Mgmt' },
      { status: 'fail', subject: 'VMs', path: 'exposure.switches[VMs].allowManagementOS', observed: { allowManagementOS: true, managementPorts: [22, 5986] }, message: 'Management ports reachable from those VMs: 22, 5986.' },
    ],
  },
  {
    name: 'ports bound to the shared vNIC count, loopback does not',
    facts: hypervFacts({
      exposure: {
        switches: [ext('VMs', true)],
        hostVnics: [{ name: 'VMs', switchName: 'VMs', vlanId: null, ips: ['192.168.1.5'] }],
        listening: [{ address: '192.168.1.5', port: 3389, protocol: 'tcp' }, { address: '127.0.0.1', port: 5985, protocol: 'tcp' }],
      },
    }),
    expect: [{ status: 'fail', observed: { allowManagementOS: true, managementPorts: [3389] } }],
  },
  {
    name: 'listening ports unknown',
    facts: hypervFacts({ exposure: { switches: [ext('VMs', true)], listening: { unknown: true, reason: 'Get-NetTCPConnection failed' } } }),
    expect: [{ status: 'fail', message: 'Listening ports are unknown.' }],
  },
  {
    name: 'only internal switches',
    facts: hypervFacts({ exposure: { switches: [{ name: 'int', switchType: 'Internal', allowManagementOS: true }] } }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'no Hyper-V role, no switch',
    facts: hypervFacts({ exposure: { switches: [] }, hyperv: { role: { hypervInstalled: false } } }),
    expect: [{ status: 'not_applicable' }],
  },
  {
    name: 'switches unreadable',
    facts: hypervFacts({ exposure: { switches: { unknown: true, reason: 'Hyper-V module missing' } } }),
    expect: [{ status: 'unknown', message: 'Hyper-V module missing' }],
  },
], { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] });
