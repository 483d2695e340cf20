import { defineRule, noParams } from '../src/rules/kit/define.js';
import { defineServiceRule, ptpInsteadOfNtp } from '../src/rules/kit/esxi-service.js';

const ntpd = defineServiceRule(
  {
    id: 'esxi-ntp-service-stopped',
    title: 'Neither NTP nor PTP keeps the ESXi clock: ntpd is not running or does not start with the host',
    severity: 'medium',
    category: 'time',
    rationale:
      'Correct time is needed for log correlation, certificate validation and Kerberos (AD) authentication. The SCG wants NTP and/or PTP running and starting with the host; the STIG accepts PTP instead of NTP.',
    risk: 'Clock drift breaks authentication and makes logs useless as evidence.',
    remediation: {
      text: 'Start ntpd and set its policy to "Start and stop with host" (or run PTP the same way).',
      esxcli: 'esxcli system ntp set --enabled=true',
      powercli:
        'Get-VMHost | Get-VMHostService | Where-Object Key -eq "ntpd" | Set-VMHostService -Policy On -Confirm:$false | Start-VMHostService -Confirm:$false',
    },
    references: { scg: ['timekeeping-services'], stig: ['ESXI-80-000124'] },
    params: noParams,
  },
  { key: 'ntpd', whenAbsent: 'fail', expect: () => ({ running: true, policies: ['on'] }) },
);

export default defineRule({
  ...ntpd,
  evaluate: (esxi, params, ctx) => ptpInsteadOfNtp(esxi) ?? ntpd.evaluate(esxi, params, ctx),
});
