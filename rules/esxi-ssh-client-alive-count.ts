import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-client-alive-count',
    title: 'The ESXi SSH daemon keeps unresponsive clients connected too long',
    severity: 'low',
    category: 'ssh',
    rationale: 'Bounding keep-alive probes drops dead SSH sessions.',
    risk: 'Stale sessions stay open.',
    remediation: {
      text: 'Set the SSH daemon keyword clientalivecountmax to 3.',
      esxcli: 'esxcli system ssh server config set -k clientalivecountmax -v 3',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='clientalivecountmax'; value='3'})",
    },
    references: { scg: ['ssh-idle-timeout-count'], stig: ['ESXI-80-000210'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'clientalivecountmax',
    kind: 'integer',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals(3),
  },
);
