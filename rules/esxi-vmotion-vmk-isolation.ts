import { z } from 'zod';
import { defineRule, result } from '../src/rules/kit/define.js';
import { withFact } from '../src/rules/kit/esxi-facts.js';
import { vmkIsolation } from '../src/rules/kit/esxi-network.js';

export default defineRule({
  id: 'esxi-vmotion-vmk-isolation',
  title: 'The ESXi vMotion VMkernel interface shares a port group or VLAN with VMs or management',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'network',
  rationale:
    'vMotion copies VM memory in clear text unless encrypted; it belongs on its own VLAN, away from VMs and management.',
  risk: 'VM memory (keys, passwords) can be read or altered in transit by a neighbour on the same segment.',
  remediation: {
    text: 'Put the vMotion vmk on a dedicated port group and VLAN (or the vMotion TCP/IP stack).',
    esxcli: 'esxcli network vswitch standard portgroup set -p "vMotion" --vlan-id <vMotion VLAN>',
    powercli: 'Get-VirtualPortGroup -VMHost $vmhost -Name "vMotion" | Set-VirtualPortGroup -VLanId <vMotion VLAN>',
  },
  references: { stig: ['ESXI-80-000160'] },
  params: z
    .object({
      vmotionVlanId: z
        .number()
        .int()
        .min(0)
        .max(4094)
        .optional()
        .describe('The site vMotion VLAN; unset = any VLAN without VMs.'),
    })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('exposure.network', esxi.exposure.network, (network) => {
      const results = vmkIsolation(network, 'vmotion', params.vmotionVlanId, ['management']);
      if (results.length > 0) return results;
      return result.notApplicable('exposure.network.vmknics', 'no VMkernel NIC is tagged for vMotion');
    }),
});
