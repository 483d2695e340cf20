import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-client-alive-interval',
    title: 'The ESXi SSH daemon keep-alive interval differs from 200 seconds',
    severity: 'low',
    category: 'ssh',
    rationale: 'Keep-alive probes let the daemon detect and drop dead SSH sessions.',
    risk: 'Stale sessions stay open.',
    remediation: {
      text: 'Set the SSH daemon keyword clientaliveinterval to 200.',
      esxcli: 'esxcli system ssh server config set -k clientaliveinterval -v 200',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='clientaliveinterval'; value='200'})",
    },
    references: { scg: ['ssh-idle-timeout-interval'], stig: ['ESXI-80-000211'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'clientaliveinterval',
    kind: 'integer',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals(200),
  },
);
