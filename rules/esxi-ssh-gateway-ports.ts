import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-gateway-ports',
    title: 'The ESXi SSH daemon lets forwarded ports listen on external addresses',
    severity: 'low',
    category: 'ssh',
    rationale: 'Gateway ports turn the hypervisor into a relay reachable from the network.',
    risk: 'The host relays traffic into the management network.',
    remediation: {
      text: 'Set the SSH daemon keyword gatewayports to no.',
      esxcli: 'esxcli system ssh server config set -k gatewayports -v no',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='gatewayports'; value='no'})",
    },
    references: { scg: ['ssh-gateway-ports'], stig: ['ESXI-80-000207'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'gatewayports',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('no', { ignoreCase: true }),
  },
);
