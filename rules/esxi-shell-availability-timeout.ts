import { defineSettingRule, timeoutParams, withinTimeout } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-shell-availability-timeout',
    title: 'ESXi Shell and SSH stay enabled indefinitely once started',
    severity: 'medium',
    category: 'access',
    rationale:
      'The availability timeout turns the ESXi Shell and SSH back off after troubleshooting; 0 leaves them on until someone remembers.',
    risk: 'SSH left running after maintenance exposes a root login to the management network.',
    remediation: {
      text: 'Set UserVars.ESXiShellTimeOut to 600 seconds or less so that services enabled for troubleshooting switch themselves off.',
      esxcli: 'esxcli system settings advanced set -o /UserVars/ESXiShellTimeOut -i 600',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.ESXiShellTimeOut | Set-AdvancedSetting -Value 600 -Confirm:$false',
    },
    references: { scg: ['shell-timeout'], stig: ['ESXI-80-000195'] },
    params: timeoutParams(600),
  },
  { key: 'UserVars.ESXiShellTimeOut', kind: 'integer', expect: withinTimeout },
);
