import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-tcp-forwarding',
    title: 'The ESXi SSH daemon permits TCP forwarding',
    severity: 'medium',
    category: 'ssh',
    rationale: 'TCP forwarding through the hypervisor bypasses network segmentation.',
    risk: 'The host can be used to pivot into isolated networks.',
    remediation: {
      text: 'Set the SSH daemon keyword allowtcpforwarding to no.',
      esxcli: 'esxcli system ssh server config set -k allowtcpforwarding -v no',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='allowtcpforwarding'; value='no'})",
    },
    references: { scg: ['ssh-tcp-forwarding'], stig: ['ESXI-80-000230'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'allowtcpforwarding',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('no', { ignoreCase: true }),
  },
);
