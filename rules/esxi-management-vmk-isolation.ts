import { z } from 'zod';
import { defineRule, result } from '../src/rules/kit/define.js';
import { withFact } from '../src/rules/kit/esxi-facts.js';
import { vmkIsolation } from '../src/rules/kit/esxi-network.js';

export default defineRule({
  id: 'esxi-management-vmk-isolation',
  title: 'The ESXi management VMkernel interface shares a port group or VLAN with VMs',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'network',
  rationale:
    'The management interface (API, Host Client, SSH) belongs on a dedicated management VLAN that no VM can reach at layer 2.',
  risk: 'A compromised VM can attack the hypervisor management plane directly (ESXiArgs-style SLP/API exploits, password guessing).',
  remediation: {
    text: 'Move the management vmk to a dedicated port group on the management VLAN and move VM NICs off that port group and VLAN.',
    esxcli: 'esxcli network vswitch standard portgroup set -p "Management Network" --vlan-id <management VLAN>',
    powercli:
      'Get-VirtualPortGroup -VMHost $vmhost -Name "Management Network" | Set-VirtualPortGroup -VLanId <management VLAN>',
  },
  references: { scg: ['vmk-management'], stig: ['ESXI-80-000198'] },
  params: z
    .object({
      managementVlanId: z
        .number()
        .int()
        .min(0)
        .max(4094)
        .optional()
        .describe('The site management VLAN; unset = any VLAN without VMs.'),
    })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('exposure.network', esxi.exposure.network, (network) => {
      const results = vmkIsolation(network, 'management', params.managementVlanId, ['vmotion', 'vsan']);
      if (results.length > 0) return results;
      return result.unknown(
        'exposure.network.vmknics',
        'no VMkernel NIC is tagged for management (QueryNetConfig "management")',
      );
    }),
});
