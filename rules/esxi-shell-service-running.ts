import { noParams } from '../src/rules/kit/define.js';
import { defineServiceRule } from '../src/rules/kit/esxi-service.js';

export default defineServiceRule(
  {
    id: 'esxi-shell-service-running',
    title: 'The ESXi Shell is running or starts with the host',
    severity: 'medium',
    category: 'access',
    rationale:
      'The ESXi Shell (TSM) gives root shell access from the console and the DCUI; it should be stopped with a manual start policy.',
    risk: 'Root shell access on the hypervisor outside the audited API path.',
    remediation: {
      text: 'Stop the ESXi Shell service (TSM) and set its policy to "Start and stop manually" (from the ESXi shell: vim-cmd hostsvc/disable_esx_shell and vim-cmd hostsvc/stop_esx_shell).',
      powercli:
        'Get-VMHost | Get-VMHostService | Where-Object Key -eq "TSM" | Set-VMHostService -Policy Off -Confirm:$false | Stop-VMHostService -Confirm:$false',
    },
    references: { scg: ['deactivate-shell'], stig: ['ESXI-80-000194'] },
    params: noParams,
  },
  { key: 'TSM', whenAbsent: 'not_applicable', expect: () => ({ running: false, policies: ['off'] }) },
);
