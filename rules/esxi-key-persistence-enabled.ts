import { defineRule, noParams } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-key-persistence-enabled',
  title: 'ESXi key persistence keeps encryption keys on the host',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'boot-integrity',
  rationale:
    'Key persistence stores key-provider keys locally (sealed by the TPM) so encrypted VMs start without the key server; SCG and STIG want it off unless required.',
  risk: 'VM encryption keys stay on the host, reachable by whoever controls it.',
  remediation: {
    text: 'Disable key persistence unless the site relies on it.',
    esxcli: 'esxcli system security keypersistence disable --remove-all-stored-keys',
    powercli:
      '$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.security.keypersistence.disable.Invoke(@{removeallstoredkeys=$true})',
  },
  references: { scg: ['key-persistence'], stig: ['ESXI-80-000248'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('esxi.cli.keyPersistence', esxi.esxi.cli.keyPersistence, (enabled) =>
      verdict(
        !enabled,
        'esxi.cli.keyPersistence',
        { pass: 'key persistence is off', fail: 'key persistence is on' },
        enabled,
        false,
      ),
    ),
});
