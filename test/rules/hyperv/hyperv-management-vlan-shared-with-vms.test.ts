import { testRule } from '../tester.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-management-vlan-shared-with-vms.js';

const membership = (vlanId: number | null) =>
  vlanId === null ? { mode: 'Untagged', ids: [], untagged: true } : { mode: 'Access', ids: [vlanId], untagged: false };
const nic = (vm: string, switchName: string, vlanId: number | null) =>
  vmAdapter(vm, { switchName, vlanId, vlan: membership(vlanId) });

/** The host's management vNIC on the External switch, VLAN 10 (access mode). */
const managementOnVlan10 = {
  name: 'Management',
  switchName: 'External',
  vlanId: 10,
  vlan: membership(10),
  ips: ['10.0.10.21'],
};

testRule(rule, [
  {
    // Before, a VM whose Get-VMNetworkAdapter failed had no adapters here, and the vNIC passed without it.
    name: 'a VM whose adapters were not read may share the management VLAN: unknown quoting the VM and the failure',
    facts: hypervFacts({
      hyperv: {
        vmNetworkAdapters: [nic('web', 'External', 20)],
        vmNetworkAdaptersUnread: [{ vm: 'db', reason: 'Get-VMNetworkAdapter: Access denied' }],
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'Management',
        message: 'the adapters of VM db were not read: Get-VMNetworkAdapter: Access denied',
      },
    ],
  },
  {
    name: 'management VLAN apart',
    facts: hypervFacts({
      hyperv: { vmNetworkAdapters: [nic('app', 'vSwitch-Mgmt', 20), nic('web', 'vSwitch-VM', 10)] },
    }),
    expect: [{ status: 'pass', subject: 'Management' }],
  },
  {
    name: 'untagged host vNIC and untagged VMs on one switch',
    facts: hypervFacts({
      exposure: {
        hostVnics: [
          { name: 'Mgmt', switchName: 'External', vlanId: null, vlan: membership(null), ips: ['192.168.1.5'] },
        ],
      },
      hyperv: { vmNetworkAdapters: [nic('app', 'External', null), nic('db', 'External', 30)] },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'Mgmt',
        observed: { switch: 'External', vlans: [], untagged: true, vms: ['app'] },
        message: 'untagged',
      },
    ],
  },
  {
    name: 'a trunk VM adapter that carries the management VLAN is caught',
    facts: hypervFacts({
      exposure: { hostVnics: [managementOnVlan10] },
      hyperv: {
        vmNetworkAdapters: [
          {
            ...nic('router', 'External', null),
            vlan: { mode: 'Trunk', ids: [10, 20, 30], untagged: false, nativeVlanId: 20 },
          },
          nic('app', 'External', 40),
        ],
      },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'Management',
        observed: { switch: 'External', vlans: [10], untagged: false, vms: ['router'] },
        message: 'VLAN 10',
      },
    ],
  },
  {
    name: 'a trunk host vNIC shares every VLAN it carries: an access VM on one of them is caught',
    facts: hypervFacts({
      exposure: {
        hostVnics: [
          {
            name: 'Mgmt-Trunk',
            switchName: 'External',
            vlanId: null,
            vlan: { mode: 'Trunk', ids: [10, 11], untagged: false, nativeVlanId: 10 },
            ips: ['10.0.10.21'],
          },
        ],
      },
      hyperv: { vmNetworkAdapters: [nic('web', 'External', 11), nic('db', 'External', 12)] },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'Mgmt-Trunk',
        observed: { switch: 'External', vlans: [11], untagged: false, vms: ['web'] },
      },
    ],
  },
  {
    name: 'a trunk that carries untagged frames shares the segment with untagged VMs; a private VLAN apart does not',
    facts: hypervFacts({
      exposure: {
        hostVnics: [
          {
            name: 'Mgmt',
            switchName: 'External',
            vlanId: null,
            vlan: { mode: 'Trunk', ids: [50], untagged: true, nativeVlanId: 0 },
            ips: ['192.168.1.5'],
          },
        ],
      },
      hyperv: {
        vmNetworkAdapters: [
          nic('legacy', 'External', null),
          {
            ...nic('iso', 'External', null),
            vlan: { mode: 'Private', ids: [200, 201], untagged: false, privateVlanMode: 'Isolated' },
          },
        ],
      },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'Mgmt',
        observed: { switch: 'External', vlans: [], untagged: true, vms: ['legacy'] },
        message: 'untagged',
      },
    ],
  },
  {
    name: 'trunks apart from the management VLAN pass',
    facts: hypervFacts({
      exposure: { hostVnics: [managementOnVlan10] },
      hyperv: {
        vmNetworkAdapters: [
          {
            ...nic('router', 'External', null),
            vlan: { mode: 'Trunk', ids: [20, 30], untagged: false, nativeVlanId: 20 },
          },
        ],
      },
    }),
    expect: [{ status: 'pass', subject: 'Management' }],
  },
  {
    name: 'a VM adapter whose VLAN mode was not reported leaves the vNIC unknown, not "untagged"',
    facts: hypervFacts({
      hyperv: {
        vmNetworkAdapters: [
          {
            ...nic('app', 'vSwitch-Mgmt', null),
            vlan: unknown('Get-VMNetworkAdapterVlan gave OperationMode "9" for the adapter of VM "app"'),
          },
          nic('web', 'vSwitch-Mgmt', 20),
        ],
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'Management',
        message:
          'the VLANs of VM adapters on vSwitch-Mgmt are unknown: Get-VMNetworkAdapterVlan gave OperationMode "9" for the adapter of VM "app"',
      },
    ],
  },
  {
    // Before, the collector's reason was dropped: the message said only "was not reported".
    name: 'a host vNIC whose VLAN setting could not be read is unknown, quoting why',
    facts: hypervFacts({
      exposure: {
        hostVnics: [
          {
            name: 'Mgmt',
            switchName: 'External',
            vlanId: unknown('Get-VMNetworkAdapterVlan failed for host vNIC Mgmt: Access denied'),
            vlan: unknown('Get-VMNetworkAdapterVlan failed for host vNIC Mgmt: Access denied'),
            ips: ['10.0.10.21'],
          },
        ],
      },
      hyperv: { vmNetworkAdapters: [nic('db', 'External', 30)] },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'Mgmt',
        path: 'exposure.hostVnics[Mgmt].vlan',
        message: 'Get-VMNetworkAdapterVlan failed for host vNIC Mgmt: Access denied',
      },
    ],
  },
  {
    name: 'no host vNIC',
    facts: hypervFacts({ exposure: { hostVnics: [] } }),
    expect: [{ status: 'pass', path: 'exposure.hostVnics' }],
  },
  {
    name: 'adapters unreadable: unknown with the reason',
    facts: hypervFacts({
      hyperv: { vmNetworkAdapters: { unknown: true, reason: 'requires administrator: Get-VM returned no VMs' } },
    }),
    expect: [{ status: 'unknown', message: 'requires administrator: Get-VM returned no VMs' }],
  },
  {
    name: 'vNICs unknown',
    facts: hypervFacts({ exposure: { hostVnics: { unknown: true, reason: 'denied' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
