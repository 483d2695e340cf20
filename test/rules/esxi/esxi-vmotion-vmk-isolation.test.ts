import rule from '../../../rules/esxi-vmotion-vmk-isolation.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiNetwork, esxiWith, portgroup } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const vmk0 = { device: 'vmk0', portgroup: 'Management Network', services: ['management'] };
const vmk1 = { device: 'vmk1', portgroup: 'vMotion', services: ['vmotion'] };
const path = 'exposure.network.vmknics[vmk1]';

testRule(
  rule,
  [
    {
      name: 'dedicated vMotion port group passes',
      facts: esxiNetwork({
        portgroups: [portgroup('Management Network', 10, 0), portgroup('vMotion', 30, 0)],
        vmknics: [vmk0, vmk1],
      }),
      expect: [{ status: 'pass', path, subject: 'vmk1' }],
    },
    {
      name: 'vMotion on the management port group fails',
      facts: esxiNetwork({
        portgroups: [portgroup('Management Network', 10, 0)],
        vmknics: [vmk0, { ...vmk1, portgroup: 'Management Network' }],
      }),
      expect: [{ status: 'fail', path, message: 'vmk0 (management)' }],
    },
    {
      name: 'vMotion VLAN shared with VMs fails',
      facts: esxiNetwork({
        portgroups: [portgroup('vMotion', 30, 0), portgroup('VM Network', 30, 2)],
        vmknics: [vmk1],
      }),
      expect: [{ status: 'fail', path }],
    },
    {
      name: 'the site vMotion VLAN is enforced when given',
      facts: esxiNetwork({ portgroups: [portgroup('vMotion', 30, 0)], vmknics: [vmk1] }),
      params: { vmotionVlanId: 30 },
      expect: [{ status: 'pass', path, expected: { vmCount: 0, vlanSharedWithVms: false, vlanId: 30 } }],
    },
    {
      // Before, unread roles read as no roles: "no VMkernel NIC is tagged for vMotion", not applicable.
      name: 'VMkernel NIC roles not read is unknown, not "no vMotion vmk"',
      facts: esxiNetwork({
        portgroups: [portgroup('vMotion', 30, 0)],
        vmknics: [{ ...vmk1, services: unknown('VMkernel NIC roles unknown: QueryNetConfig failed') }],
      }),
      expect: [
        { status: 'unknown', path: 'exposure.network.vmknics[vmk1].services', message: 'QueryNetConfig failed' },
      ],
    },
    {
      name: 'a management vmk with unread roles on the vMotion port group is unknown',
      facts: esxiNetwork({
        portgroups: [portgroup('vMotion', 30, 0)],
        vmknics: [vmk1, { ...vmk0, portgroup: 'vMotion', services: unknown('roles not read') }],
      }),
      expect: [
        { status: 'unknown', path, message: 'vmk0 on the same port group: roles not read' },
        { status: 'unknown', path: 'exposure.network.vmknics[vmk0].services' },
      ],
    },
    {
      name: 'no vMotion vmk',
      facts: esxiNetwork({ portgroups: [portgroup('Management Network', 10, 0)], vmknics: [vmk0] }),
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'vmk on a port group the facts do not list is unknown',
      facts: esxiNetwork({ portgroups: [], vmknics: [{ ...vmk1, portgroup: 'dvPortGroup-vMotion' }] }),
      expect: [{ status: 'unknown', path }],
    },
    {
      // Before, such a vmk had portgroup '' and the message spoke of a standard port group named ''.
      name: 'vmk on a distributed switch: unknown naming the switch and port group key',
      facts: esxiNetwork({
        portgroups: [portgroup('vMotion', 30, 0)],
        vmknics: [
          {
            device: 'vmk1',
            distributedPort: { switchUuid: '50 2a 7f 3c', portgroupKey: 'dvportgroup-31' },
            services: ['vmotion'],
          },
        ],
      }),
      expect: [
        {
          status: 'unknown',
          path,
          message:
            'vmk1 is on distributed switch 50 2a 7f 3c, port group dvportgroup-31: hvscan does not collect distributed port groups',
        },
      ],
    },
    {
      name: 'vmk whose connection was not reported: unknown quoting why',
      facts: esxiNetwork({
        portgroups: [portgroup('vMotion', 30, 0)],
        vmknics: [
          {
            ...vmk1,
            portgroup: unknown(
              'VMkernel NIC vmk1: the host reported neither portgroup nor spec.distributedVirtualPort',
            ),
          },
        ],
      }),
      expect: [
        { status: 'unknown', path, message: 'the host reported neither portgroup nor spec.distributedVirtualPort' },
      ],
    },
    {
      name: 'a vmk of another service whose port group is unknown may share the vMotion port group: unknown, not pass',
      facts: esxiNetwork({
        portgroups: [portgroup('Management Network', 10, 0), portgroup('vMotion', 30, 0)],
        vmknics: [{ ...vmk0, portgroup: unknown('VMkernel NIC vmk0: it is on an NSX opaque network') }, vmk1],
      }),
      expect: [
        {
          status: 'unknown',
          path,
          message: 'vmk0 may be on port group vMotion: VMkernel NIC vmk0: it is on an NSX opaque network',
        },
      ],
    },
    {
      name: 'unknown network',
      facts: esxiWith((f) => void (f.exposure.network = unknown('config.network not returned'))),
      expect: [{ status: 'unknown', path: 'exposure.network' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
