import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-mem-eager-zero',
    title: 'ESXi does not zero VM memory pages eagerly',
    severity: 'medium',
    category: 'memory',
    rationale: 'Eager zeroing clears guest memory when a VM powers off, so its data cannot surface in another VM.',
    risk: 'Residual guest memory contents may be exposed.',
    remediation: {
      text: 'Set Mem.MemEagerZero to 1.',
      esxcli: 'esxcli system settings advanced set -o /Mem/MemEagerZero -i 1',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name Mem.MemEagerZero | Set-AdvancedSetting -Value 1 -Confirm:$false',
    },
    references: { scg: ['memeagerzero'], stig: ['ESXI-80-000225'] },
    params: z.object({}).strict(),
  },
  { key: 'Mem.MemEagerZero', kind: 'integer', whenAbsent: 'not_applicable', expect: () => expectValue.equals(1) },
);
