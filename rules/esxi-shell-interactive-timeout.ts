import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-shell-interactive-timeout',
    title: 'Idle ESXi Shell and SSH sessions are not logged out within 15 minutes',
    severity: 'medium',
    category: 'access',
    rationale: 'Idle root shells on the hypervisor are prime targets for session hijacking.',
    risk: 'A forgotten SSH or shell session gives root on the hypervisor to whoever finds it.',
    remediation: {
      text: 'Set UserVars.ESXiShellInteractiveTimeOut to 900 seconds or less (0 = never).',
      esxcli: 'esxcli system settings advanced set -o /UserVars/ESXiShellInteractiveTimeOut -i 900',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.ESXiShellInteractiveTimeOut | Set-AdvancedSetting -Value 900 -Confirm:$false',
    },
    references: { scg: ['shell-interactive-timeout'], stig: ['ESXI-80-000068'] },
    params: z
      .object({
        maxSeconds: z
          .number()
          .int()
          .min(1)
          .default(900)
          .describe('Longest accepted timeout (seconds); 0 (never) always fails.'),
      })
      .strict(),
  },
  { key: 'UserVars.ESXiShellInteractiveTimeOut', kind: 'integer', expect: (p) => expectValue.between(1, p.maxSeconds) },
);
