import rule from '../../../rules/esxi-management-vmk-isolation.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiNetwork, esxiWith, portgroup } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const vmk0 = { device: 'vmk0', portgroup: 'Management Network', services: ['management'] };
const path = 'exposure.network.vmknics[vmk0]';

testRule(rule, [
  {
    // Before, a management vmk on a distributed switch had portgroup '' and was reported as port group ''.
    name: 'management vmk on a distributed switch: unknown saying distributed port groups are not collected',
    facts: esxiNetwork({
      portgroups: [portgroup('VM Network', 20, 5)],
      vmknics: [{ device: 'vmk0', distributedPort: { switchUuid: '50 2a 7f 3c' }, services: ['management'] }],
    }),
    expect: [
      { status: 'unknown', path, message: 'vmk0 is on distributed switch 50 2a 7f 3c, a port outside any port group' },
    ],
  },
  {
    name: 'dedicated port group and VLAN passes',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 10, 0), portgroup('VM Network', 20, 5)],
      vmknics: [vmk0],
    }),
    expect: [
      {
        status: 'pass',
        path,
        subject: 'vmk0',
        observed: { portgroup: 'Management Network', vswitch: 'vSwitch0', vlanId: 10, vmCount: 0 },
      },
    ],
  },
  {
    name: 'VMs on the management port group fail',
    facts: esxiNetwork({ portgroups: [portgroup('Management Network', 0, 2)], vmknics: [vmk0] }),
    expect: [{ status: 'fail', path, message: 'also carries 2 VM NIC(s)' }],
  },
  {
    name: 'a VM port group on the management VLAN fails',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 10, 0), portgroup('VM Mgmt', 10, 1)],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'fail', path, message: 'VLAN 10 is shared with VM port group(s) VM Mgmt' }],
  },
  {
    name: 'untagged port groups on different switches are different segments',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 0, 0), { ...portgroup('VM Network', 0, 4), vswitch: 'vSwitch1' }],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'the site management VLAN is enforced when given',
    facts: esxiNetwork({ portgroups: [portgroup('Management Network', 10, 0)], vmknics: [vmk0] }),
    params: { managementVlanId: 100 },
    expect: [{ status: 'fail', path, message: 'not the dedicated VLAN 100' }],
  },
  {
    name: 'vMotion sharing the management port group fails',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 10, 0)],
      vmknics: [vmk0, { device: 'vmk1', portgroup: 'Management Network', services: ['vmotion'] }],
    }),
    expect: [{ status: 'fail', path, message: 'vmk1 (vmotion)' }],
  },
  {
    name: 'VM count not read is unknown with the reason',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 10, unknown('VM vm-7: network not reported'))],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'unknown', path, message: 'VM vm-7: network not reported' }],
  },
  {
    // Before, an unread VM count on another port group counted as no VMs: the management vmk passed.
    name: 'a port group on the management VLAN with an unread VM count is unknown, not clear',
    facts: esxiNetwork({
      portgroups: [
        portgroup('Management Network', 10, 0),
        portgroup('VM Mgmt', 10, unknown('VM vm-7: network not reported')),
      ],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'unknown', path, message: 'port group VM Mgmt: VM vm-7: network not reported' }],
  },
  {
    name: 'a VM port group whose VLAN was not read is unknown, not clear',
    facts: esxiNetwork({
      portgroups: [
        portgroup('Management Network', 10, 0),
        portgroup('VM Network', unknown('port group VM Network: spec.vlanId not reported by the host'), 3),
      ],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'unknown', path, message: 'spec.vlanId not reported' }],
  },
  {
    name: 'a known sharing port group fails even beside an unread one',
    facts: esxiNetwork({
      portgroups: [
        portgroup('Management Network', 10, 0),
        portgroup('VM Mgmt', 10, 1),
        portgroup('VM Other', unknown('not reported'), 1),
      ],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'fail', path, message: 'VLAN 10 is shared with VM port group(s) VM Mgmt' }],
  },
  {
    name: 'a management port group whose VLAN was not read is unknown',
    facts: esxiNetwork({
      portgroups: [
        portgroup(
          'Management Network',
          unknown('port group Management Network: spec.vlanId not reported by the host'),
          0,
        ),
      ],
      vmknics: [vmk0],
    }),
    expect: [{ status: 'unknown', path, message: 'spec.vlanId not reported' }],
  },
  {
    name: 'VMkernel NIC roles not read: each vmk is unknown with the reason',
    facts: esxiNetwork({
      portgroups: [portgroup('Management Network', 10, 0)],
      vmknics: [{ ...vmk0, services: unknown('VMkernel NIC roles unknown: NoPermission') }],
    }),
    expect: [
      { status: 'unknown', path: 'exposure.network.vmknics[vmk0].services', subject: 'vmk0', message: 'NoPermission' },
    ],
  },
  {
    name: 'no management vmk is unknown',
    facts: esxiNetwork({ portgroups: [portgroup('Management Network', 10, 0)], vmknics: [] }),
    expect: [{ status: 'unknown', path: 'exposure.network.vmknics' }],
  },
  {
    name: 'unknown network',
    facts: esxiWith((f) => void (f.exposure.network = unknown('config.network not returned'))),
    expect: [{ status: 'unknown', path: 'exposure.network' }],
  },
]);
