import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-ignore-rhosts',
    title: 'The ESXi SSH daemon honours .rhosts files',
    severity: 'medium',
    category: 'ssh',
    rationale: 'rhosts trust authenticates by source host name instead of credentials.',
    risk: 'Logins without a password from trusted-looking hosts.',
    remediation: {
      text: 'Set the SSH daemon keyword ignorerhosts to yes.',
      esxcli: 'esxcli system ssh server config set -k ignorerhosts -v yes',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='ignorerhosts'; value='yes'})",
    },
    references: { scg: ['ssh-rhosts'], stig: ['ESXI-80-000052'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'ignorerhosts',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('yes', { ignoreCase: true }),
  },
);
