import { testRule } from '../tester.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { vmAdapter } from '../hyperv-helpers.js';
import rule from '../../../rules/hyperv-management-os-shares-vm-switch.js';

const ext = (name: string, allowManagementOS: boolean) => ({
  name,
  switchType: 'External',
  allowManagementOS,
  extensions: [],
});
const membership = (vlanId: number | null) =>
  vlanId === null ? { mode: 'Untagged', ids: [], untagged: true } : { mode: 'Access', ids: [vlanId], untagged: false };
const vnic = (switchName: string, vlanId: number | null, ips = ['10.0.10.21']) => ({
  name: 'Management',
  switchName,
  vlanId,
  vlan: membership(vlanId),
  ips,
});
const nic = (vm: string, switchName: string, vlanId: number | null) =>
  vmAdapter(vm, { switchName, vlanId, vlan: membership(vlanId) });
const vlanUnreadable = unknown('Get-VMNetworkAdapterVlan failed for host vNIC Management: RPC failed');
const host = (vnics: unknown[], adapters: unknown, switches = [ext('SET', true)]) =>
  hypervFacts({ exposure: { switches, hostVnics: vnics }, hyperv: { vmNetworkAdapters: adapters } } as never);

// Microsoft's converged (SET) design puts the management vNIC on the VM switch in its own access VLAN; the exposure is a
// VM adapter on the management vNIC's VLAN (both untagged included), as hyperv-management-vlan-shared-with-vms judges.
testRule(
  rule,
  [
    { name: 'VM-only external switch', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'vSwitch-VM' }] },
    {
      name: 'converged design: management vNIC in VLAN 10, VMs in VLAN 20',
      facts: host([vnic('SET', 10)], [nic('app01', 'SET', 20), nic('web01', 'SET', 30)]),
      expect: [{ status: 'pass', subject: 'SET', message: 'VLAN 10' }],
    },
    {
      name: 'management vNIC untagged, every VM tagged',
      facts: host([vnic('SET', null)], [nic('app01', 'SET', 20)]),
      expect: [{ status: 'pass', subject: 'SET' }],
    },
    {
      // Get-VMNetworkAdapterVlan: a trunk port carries AllowedVlanIdList (Microsoft Learn, Set-VMNetworkAdapterVlan -Trunk).
      name: 'a trunk VM adapter that carries the management VLAN shares it (the same reading as the VLAN-sharing rule)',
      facts: host(
        [vnic('SET', 10)],
        [
          { ...nic('router', 'SET', null), vlan: { mode: 'Trunk', ids: [10, 20], untagged: false, nativeVlanId: 20 } },
          nic('app01', 'SET', 30),
        ],
      ),
      expect: [
        {
          status: 'fail',
          subject: 'SET',
          observed: { allowManagementOS: true, sharedVlans: ['VLAN 10'], vms: ['router'], managementPorts: [22, 5986] },
        },
      ],
    },
    {
      name: 'a VM adapter whose VLAN mode was not reported leaves the switch unknown, not clean, quoting why',
      facts: host(
        [vnic('SET', 10)],
        [
          {
            ...nic('mystery', 'SET', null),
            vlan: unknown(
              'Get-VMNetworkAdapterVlan gave no OperationMode for the adapter of VM "mystery" on switch "SET"',
            ),
          },
        ],
      ),
      expect: [
        {
          status: 'unknown',
          subject: 'SET',
          message: 'unknown: Get-VMNetworkAdapterVlan gave no OperationMode for the adapter of VM "mystery"',
        },
      ],
    },
    {
      name: 'an adapter not connected to any switch shares nothing with the management OS',
      facts: host([vnic('SET', null)], [{ ...nic('spare', 'SET', null), switchName: undefined }]),
      expect: [{ status: 'pass', subject: 'SET' }],
    },
    {
      name: 'a VM on the management VLAN',
      facts: host([vnic('SET', 10)], [nic('app01', 'SET', 20), nic('rogue', 'SET', 10)]),
      expect: [
        {
          status: 'fail',
          subject: 'SET',
          severity: 'high',
          path: 'exposure.switches[SET].allowManagementOS',
          observed: { allowManagementOS: true, sharedVlans: ['VLAN 10'], vms: ['rogue'], managementPorts: [22, 5986] },
          message: 'Management ports reachable from those VMs: 22, 5986.',
        },
      ],
    },
    {
      name: 'management vNIC and VMs all untagged',
      facts: host([vnic('SET', null)], [nic('app01', 'SET', null)]),
      expect: [
        {
          status: 'fail',
          subject: 'SET',
          observed: { allowManagementOS: true, sharedVlans: ['untagged'], vms: ['app01'], managementPorts: [22, 5986] },
        },
      ],
    },
    {
      name: 'VMs on another switch only',
      facts: host([vnic('SET', null)], [nic('app01', 'Other', null)]),
      expect: [{ status: 'pass', subject: 'SET' }],
    },
    {
      name: 'ports bound to the shared vNIC count, loopback does not',
      facts: hypervFacts({
        exposure: {
          switches: [ext('VMs', true)],
          hostVnics: [vnic('VMs', null, ['192.168.1.5'])],
          listening: [
            { address: '192.168.1.5', port: 3389, protocol: 'tcp', process: 'svchost.exe (TermService)' },
            { address: '127.0.0.1', port: 5985, protocol: 'tcp', process: 'System' },
          ],
        },
        hyperv: { vmNetworkAdapters: [nic('app01', 'VMs', null)] },
      } as never),
      expect: [
        {
          status: 'fail',
          observed: { allowManagementOS: true, sharedVlans: ['untagged'], vms: ['app01'], managementPorts: [3389] },
        },
      ],
    },
    {
      // Before, the collector's reason was dropped: the message said only "was not reported".
      name: 'a host vNIC whose VLAN setting could not be read leaves the switch unknown, quoting why',
      facts: host([{ ...vnic('SET', 10), vlanId: vlanUnreadable, vlan: vlanUnreadable }], [nic('app01', 'SET', 20)]),
      expect: [
        {
          status: 'unknown',
          subject: 'SET',
          path: 'exposure.hostVnics[Management].vlan',
          message: 'Get-VMNetworkAdapterVlan failed for host vNIC Management: RPC failed',
        },
      ],
    },
    {
      name: 'a shared vNIC whose addresses are unknown: ports on any address still count, the gap is named',
      facts: hypervFacts({
        exposure: {
          switches: [ext('VMs', true)],
          hostVnics: [{ ...vnic('VMs', null), ips: unknown('Get-NetIPAddress failed: Access denied') }],
          listening: [
            { address: '192.168.1.5', port: 3389, protocol: 'tcp', process: 'svchost.exe (TermService)' },
            { address: '0.0.0.0', port: 5985, protocol: 'tcp', process: 'System' },
          ],
        },
        hyperv: { vmNetworkAdapters: [nic('app01', 'VMs', null)] },
      } as never),
      expect: [
        {
          status: 'fail',
          observed: { allowManagementOS: true, sharedVlans: ['untagged'], vms: ['app01'], managementPorts: [5985] },
          message:
            'Ports bound only to the addresses of host vNIC Management (Get-NetIPAddress failed: Access denied) are not counted.',
        },
      ],
    },
    {
      name: 'VM adapters unreadable: the VLANs cannot be compared, and the reason is quoted',
      facts: hypervFacts({
        exposure: { switches: [ext('SET', true)], hostVnics: [vnic('SET', 10)] },
        hyperv: { vmNetworkAdapters: { unknown: true, reason: 'requires administrator: Get-VM returned no VMs' } },
      }),
      expect: [
        {
          status: 'unknown',
          subject: 'SET',
          path: 'hyperv.vmNetworkAdapters',
          message: 'requires administrator: Get-VM returned no VMs',
        },
      ],
    },
    {
      name: 'host vNICs unreadable',
      facts: host({ unknown: true, reason: 'Get-VMNetworkAdapter -ManagementOS failed' } as never, [
        nic('app01', 'SET', 20),
      ]),
      expect: [{ status: 'unknown', subject: 'SET', message: 'ManagementOS failed' }],
    },
    {
      name: 'only internal switches',
      facts: hypervFacts({
        exposure: { switches: [{ name: 'int', switchType: 'Internal', allowManagementOS: true, extensions: [] }] },
      }),
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
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
