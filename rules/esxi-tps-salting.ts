import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-tps-salting',
    title: 'Transparent page sharing between VMs is not restricted by salting',
    severity: 'low',
    category: 'memory',
    rationale: 'Inter-VM page sharing enables side channels (e.g. cache timing) that leak data between VMs.',
    risk: 'A VM may infer memory contents of another VM.',
    remediation: {
      text: 'Set Mem.ShareForceSalting to 2 (page sharing only within a VM unless sched.mem.pshare.salt says otherwise).',
      esxcli: 'esxcli system settings advanced set -o /Mem/ShareForceSalting -i 2',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Mem.ShareForceSalting | Set-AdvancedSetting -Value 2 -Confirm:$false',
    },
    references: { scg: ['transparent-page-sharing'], stig: ['ESXI-80-000213'] },
    params: z.object({}).strict(),
  },
  { key: 'Mem.ShareForceSalting', kind: 'integer', expect: () => expectValue.equals(2) },
);
