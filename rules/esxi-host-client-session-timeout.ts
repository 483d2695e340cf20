import { defineSettingRule, timeoutParams, withinTimeout } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-host-client-session-timeout',
    title: 'ESXi Host Client sessions do not time out within 15 minutes',
    severity: 'medium',
    category: 'access',
    rationale:
      'An unattended Host Client browser session gives full host administration to whoever reaches the workstation.',
    risk: 'Abandoned administrative sessions remain open indefinitely.',
    remediation: {
      text: 'Set UserVars.HostClientSessionTimeout to 900 seconds or less (0 disables the timeout).',
      esxcli: 'esxcli system settings advanced set -o /UserVars/HostClientSessionTimeout -i 900',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.HostClientSessionTimeout | Set-AdvancedSetting -Value 900 -Confirm:$false',
    },
    references: { scg: ['host-client-session-timeout'], stig: ['ESXI-80-000010'] },
    params: timeoutParams(900),
  },
  { key: 'UserVars.HostClientSessionTimeout', kind: 'integer', expect: withinTimeout },
);
