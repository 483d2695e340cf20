import { defineRule, noParams } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-ssh-fips-disabled',
  title: 'The ESXi SSH daemon does not run in FIPS 140 mode',
  severity: 'high',
  platforms: ['esxi'],
  category: 'ssh',
  rationale: 'FIPS mode restricts SSH to validated cryptographic modules and algorithms.',
  risk: 'Root sessions to the hypervisor may use non-validated cryptography.',
  remediation: {
    text: 'Enable FIPS 140 mode for the SSH daemon.',
    esxcli: 'esxcli system security fips140 ssh set -e true',
    powercli:
      '$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.security.fips140.ssh.set.Invoke(@{enable=$true})',
  },
  references: { scg: ['ssh-fips'], stig: ['ESXI-80-000014'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('esxi.cli.sshFips', esxi.esxi.cli.sshFips, (enabled) =>
      verdict(
        enabled,
        'esxi.cli.sshFips',
        { pass: 'SSH FIPS 140 mode is on', fail: 'SSH FIPS 140 mode is off' },
        enabled,
        true,
      ),
    ),
});
