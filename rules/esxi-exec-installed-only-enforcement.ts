import { defineRule, noParams } from '../src/rules/kit/define.js';
import { encryptionRequirement } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-exec-installed-only-enforcement',
  title: 'ESXi configuration encryption does not enforce execInstalledOnly',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'code-integrity',
  rationale:
    'A project recommendation, not a baseline requirement (the STIG and SCG check only VMkernel.Boot.execInstalledOnly itself): with requireExecInstalledOnly the TPM-sealed configuration only unlocks when execInstalledOnly is on, so an attacker cannot switch it off and reboot into a host that runs dropped binaries.',
  risk: 'Root on the host can disable execInstalledOnly and then run unsigned binaries (ransomware encryptors) after a reboot.',
  remediation: {
    text: 'Require execInstalledOnly for the encrypted configuration (needs TPM mode).',
    esxcli: 'esxcli system settings encryption set --require-exec-installed-only=T',
    powercli:
      '$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.encryption.set.Invoke(@{requireexecinstalledonly=$true})',
  },
  references: {},
  params: noParams,
  evaluate: (esxi) =>
    encryptionRequirement(esxi, 'requireExecInstalledOnly', {
      pass: 'configuration encryption requires execInstalledOnly',
      fail: 'configuration encryption does not require execInstalledOnly',
    }),
});
