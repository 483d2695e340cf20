import { noParams } from '../src/rules/define.js';
import { defineServiceRule } from '../src/rules/esxi-service.js';

export default defineServiceRule(
  {
    id: 'esxi-ntp-service-stopped',
    title: 'The ESXi NTP daemon is not running or does not start with the host',
    severity: 'medium',
    category: 'time',
    rationale: 'Correct time is needed for log correlation, certificate validation and Kerberos (AD) authentication.',
    risk: 'Clock drift breaks authentication and makes logs useless as evidence.',
    remediation: {
      text: 'Start ntpd and set its policy to "Start and stop with host".',
      esxcli: 'esxcli system ntp set --enabled=true',
      powercli:
        'Get-VMHost | Get-VMHostService | Where-Object Key -eq "ntpd" | Set-VMHostService -Policy On -Confirm:$false | Start-VMHostService -Confirm:$false',
    },
    references: { scg: ['timekeeping-services'], stig: ['ESXI-80-000124'] },
    params: noParams,
  },
  { key: 'ntpd', whenAbsent: 'fail', expect: () => ({ running: true, policies: ['on'] }) },
);
