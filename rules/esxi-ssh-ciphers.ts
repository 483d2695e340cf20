import { z } from 'zod';
import { defineSettingRule, expectValue } from '../src/rules/kit/advanced-option.js';

export default defineSettingRule(
  {
    id: 'esxi-ssh-ciphers',
    title: 'The ESXi SSH daemon offers ciphers beyond the FIPS-approved list',
    severity: 'medium',
    category: 'ssh',
    rationale: 'Weak ciphers (CBC, 3DES, arcfour) weaken the confidentiality of root sessions.',
    risk: 'SSH sessions to the hypervisor may be decrypted or tampered with.',
    remediation: {
      text: 'Restrict the SSH daemon ciphers keyword to the FIPS-approved AES-GCM/CTR list.',
      esxcli:
        'esxcli system ssh server config set -k ciphers -v aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr',
      powercli:
        "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.ssh.server.config.set.Invoke(@{keyword='ciphers'; value='aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr'})",
    },
    references: { scg: ['ssh-fips-ciphers'], stig: ['ESXI-80-000187'] },
    params: z
      .object({
        allowed: z
          .array(z.string().min(1))
          .default(['aes256-gcm@openssh.com', 'aes128-gcm@openssh.com', 'aes256-ctr', 'aes192-ctr', 'aes128-ctr'])
          .describe('Ciphers the SSH daemon may offer.'),
      })
      .strict(),
  },
  {
    source: 'sshServer',
    key: 'ciphers',
    kind: 'string',
    whenAbsent: 'unknown',
    expect: (p) =>
      expectValue.custom(`only ${p.allowed.join(', ')}`, (v) =>
        String(v)
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
          .every((c) => p.allowed.includes(c)),
      ),
  },
);
