import { defineSettingRule, timeoutParams, withinTimeout } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-dcui-timeout',
    title: 'ESXi DCUI idle timeout is off or longer than 10 minutes',
    severity: 'medium',
    category: 'access',
    rationale:
      'A logged-in Direct Console UI left at the server console lets anyone with physical or remote-console (BMC) access reconfigure the host.',
    risk: 'Console sessions stay logged in after the administrator walks away.',
    remediation: {
      text: 'Set UserVars.DcuiTimeOut to 600 seconds or less (0 disables the timeout).',
      esxcli: 'esxcli system settings advanced set -o /UserVars/DcuiTimeOut -i 600',
      powercli:
        'Get-VMHost | Get-AdvancedSetting -Name UserVars.DcuiTimeOut | Set-AdvancedSetting -Value 600 -Confirm:$false',
    },
    references: { scg: ['dcui-timeout'], stig: ['ESXI-80-000196'] },
    params: timeoutParams(600),
  },
  { key: 'UserVars.DcuiTimeOut', kind: 'integer', expect: withinTimeout },
);
