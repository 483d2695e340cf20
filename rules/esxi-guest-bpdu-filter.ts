import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-guest-bpdu-filter',
    title: 'ESXi forwards BPDU frames sent by guests',
    severity: 'medium',
    category: 'network',
    rationale: 'A VM sending BPDUs can make a physical switch with BPDU guard shut the host uplink.',
    risk: 'A guest can cut the host off the network (denial of service).',
    remediation: {
      text: 'Set Net.BlockGuestBPDU to 1.',
      esxcli: 'esxcli system settings advanced set -o /Net/BlockGuestBPDU -i 1',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Net.BlockGuestBPDU | Set-AdvancedSetting -Value 1 -Confirm:$false',
    },
    references: { scg: ['network-bpdu'], stig: ['ESXI-80-000215'] },
    params: z.object({}).strict(),
  },
  { key: 'Net.BlockGuestBPDU', kind: 'integer', expect: () => expectValue.equals(1) },
);
