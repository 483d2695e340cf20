import { noParams } from '../src/rules/kit/define.js';
import { defineServiceRule } from '../src/rules/kit/esxi-service.js';

export default defineServiceRule(
  {
    id: 'esxi-ssh-service-running',
    title: 'SSH is running or starts with the ESXi host',
    severity: 'medium',
    category: 'access',
    rationale:
      'SSH gives a root shell on the hypervisor; SCG and STIG want it stopped with a manual start policy, enabled only for troubleshooting.',
    risk: 'A network-reachable root login on the hypervisor: password guessing, stolen keys, SSH CVEs.',
    remediation: {
      text: 'Stop the SSH service (TSM-SSH) and set its policy to "Start and stop manually" (from the ESXi shell: vim-cmd hostsvc/disable_ssh and vim-cmd hostsvc/stop_ssh).',
      powercli:
        'Get-VMHost | Get-VMHostService | Where-Object Key -eq "TSM-SSH" | Set-VMHostService -Policy Off -Confirm:$false | Stop-VMHostService -Confirm:$false',
    },
    references: { scg: ['deactivate-ssh'], stig: ['ESXI-80-000193'] },
    params: noParams,
  },
  { key: 'TSM-SSH', whenAbsent: 'not_applicable', expect: () => ({ running: false, policies: ['off'] }) },
);
