import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-bmc-virtual-nic',
    title: 'The host-to-BMC virtual network interface is enabled',
    severity: 'medium',
    category: 'network',
    rationale:
      'The internal USB NIC to the BMC (iDRAC/iLO) bridges the host OS and the out-of-band management network.',
    risk: 'A path between the hypervisor and the BMC that bypasses network controls.',
    remediation: {
      text: 'Set Net.BMCNetworkEnable to 0 unless a hardware management tool needs it.',
      esxcli: 'esxcli system settings advanced set -o /Net/BMCNetworkEnable -i 0',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Net.BMCNetworkEnable | Set-AdvancedSetting -Value 0 -Confirm:$false',
    },
    references: { scg: ['hw-virtual-nic'], stig: ['ESXI-80-000250'] },
    params: z.object({}).strict(),
  },
  { key: 'Net.BMCNetworkEnable', kind: 'integer', whenAbsent: 'not_applicable', expect: () => expectValue.equals(0) },
);
