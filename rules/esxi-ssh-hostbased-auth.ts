import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-hostbased-auth',
    title: 'The ESXi SSH daemon allows host-based authentication',
    severity: 'medium',
    category: 'ssh',
    rationale: 'Host-based authentication trusts the client machine instead of the user.',
    risk: 'Any user on a trusted host can log in.',
    remediation: {
      text: 'Set the SSH daemon keyword hostbasedauthentication to no.',
      esxcli: 'esxcli system ssh server config set -k hostbasedauthentication -v no',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='hostbasedauthentication'; value='no'})",
    },
    references: { scg: ['ssh-host-based-auth'], stig: ['ESXI-80-000202'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'hostbasedauthentication',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('no', { ignoreCase: true }),
  },
);
