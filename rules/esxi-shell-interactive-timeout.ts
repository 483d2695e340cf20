import { defineSettingRule, timeoutParams, withinTimeout } from '../src/rules/kit/advanced-option.js';

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
    params: timeoutParams(900),
  },
  { key: 'UserVars.ESXiShellInteractiveTimeOut', kind: 'integer', expect: withinTimeout },
);
