import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-tunnels',
    title: 'The ESXi SSH daemon permits tun/tap tunnels',
    severity: 'medium',
    category: 'ssh',
    rationale: 'SSH tunnels through the hypervisor bypass network segmentation.',
    risk: 'The management interface becomes a VPN endpoint.',
    remediation: {
      text: 'Set the SSH daemon keyword permittunnel to no.',
      esxcli: 'esxcli system ssh server config set -k permittunnel -v no',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='permittunnel'; value='no'})",
    },
    references: { scg: ['ssh-tunnels'], stig: ['ESXI-80-000209'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'permittunnel',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('no', { ignoreCase: true }),
  },
);
