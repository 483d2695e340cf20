import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-user-environment',
    title: 'The ESXi SSH daemon lets users set their environment',
    severity: 'medium',
    category: 'ssh',
    rationale: 'User-set environment variables (LD_PRELOAD and the like) can bypass restrictions.',
    risk: 'Restricted logins can escalate.',
    remediation: {
      text: 'Set the SSH daemon keyword permituserenvironment to no.',
      esxcli: 'esxcli system ssh server config set -k permituserenvironment -v no',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='permituserenvironment'; value='no'})",
    },
    references: { scg: ['ssh-user-environment'], stig: ['ESXI-80-000204'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'permituserenvironment',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('no', { ignoreCase: true }),
  },
);
