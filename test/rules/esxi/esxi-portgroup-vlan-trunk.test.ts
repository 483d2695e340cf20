import rule from '../../../rules/esxi-portgroup-vlan-trunk.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiNetwork, esxiWith, portgroup } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

testRule(
  rule,
  [
    {
      name: 'single VLANs pass, VLAN 4095 fails, per port group',
      facts: esxiNetwork({ portgroups: [portgroup('VM Network', 20, 2), portgroup('Trunk', 4095, 1)] }),
      expect: [
        { status: 'pass', subject: 'port group VM Network', observed: 20 },
        {
          status: 'fail',
          subject: 'port group Trunk',
          path: 'exposure.network.portgroups[Trunk].vlanId',
          observed: 4095,
        },
      ],
    },
    {
      // Before, the connector wrote an unreported VLAN as 0 and the port group passed.
      name: 'a VLAN not reported is unknown with the reason',
      facts: esxiNetwork({
        portgroups: [
          portgroup('VM Network', unknown('port group VM Network: spec.vlanId not reported by the host'), 2),
        ],
      }),
      expect: [
        {
          status: 'unknown',
          subject: 'port group VM Network',
          path: 'exposure.network.portgroups[VM Network].vlanId',
          message: 'spec.vlanId not reported',
        },
      ],
    },
    { name: 'no port groups', facts: esxiNetwork({}), expect: [{ status: 'not_applicable' }] },
    {
      name: 'unknown network',
      facts: esxiWith((f) => void (f.exposure.network = unknown('config.network not returned'))),
      expect: [{ status: 'unknown', path: 'exposure.network' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
