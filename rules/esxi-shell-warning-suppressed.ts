import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-shell-warning-suppressed',
    title: 'The warning that the ESXi Shell or SSH is enabled is suppressed',
    severity: 'medium',
    category: 'access',
    rationale: 'The vSphere Client warning is how administrators notice a shell or SSH service left enabled.',
    risk: 'Enabled shells go unnoticed.',
    remediation: {
      text: 'Set UserVars.SuppressShellWarning to 0.',
      esxcli: 'esxcli system settings advanced set -o /UserVars/SuppressShellWarning -i 0',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.SuppressShellWarning | Set-AdvancedSetting -Value 0 -Confirm:$false',
    },
    references: { scg: ['shell-warning'], stig: ['ESXI-80-000222'] },
    params: z.object({}).strict(),
  },
  { key: 'UserVars.SuppressShellWarning', kind: 'integer', expect: () => expectValue.equals(0) },
);
