import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-login-banner',
    title: 'The ESXi SSH daemon does not show the /etc/issue banner',
    severity: 'medium',
    category: 'ssh',
    rationale: 'The SSH banner carries the legal notice before authentication.',
    risk: 'Missing legal notice on SSH logins.',
    remediation: {
      text: 'Set the SSH daemon keyword banner to /etc/issue.',
      esxcli: 'esxcli system ssh server config set -k banner -v /etc/issue',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='banner'; value='/etc/issue'})",
    },
    references: { scg: ['ssh-login-banner'], stig: ['ESXI-80-000192'] },
    params: z.object({}).strict(),
  },
  {
    source: 'sshServer',
    key: 'banner',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: () => expectValue.equals('/etc/issue', { ignoreCase: true }),
  },
);
