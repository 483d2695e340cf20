import { defineRule, noParams } from '../src/rules/kit/define.js';
import { encryptionRequirement } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-secure-boot-enforcement',
  title: 'ESXi configuration encryption does not require Secure Boot',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'boot-integrity',
  rationale:
    'With requireSecureBoot the TPM-sealed configuration only unlocks when the host booted with Secure Boot, so Secure Boot cannot be switched off silently.',
  risk: 'An attacker with firmware access can disable Secure Boot and boot a tampered hypervisor that still reads the host configuration.',
  remediation: {
    text: 'Require Secure Boot for the encrypted configuration (needs a TPM 2.0 and Secure Boot on).',
    esxcli: 'esxcli system settings encryption set --require-secure-boot=T',
    powercli:
      '$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.encryption.set.Invoke(@{requiresecureboot=$true})',
  },
  references: { scg: ['secureboot-enforcement'], stig: ['ESXI-80-000085'] },
  params: noParams,
  evaluate: (esxi) =>
    encryptionRequirement(esxi, 'requireSecureBoot', {
      pass: 'configuration encryption requires Secure Boot',
      fail: 'configuration encryption does not require Secure Boot',
    }),
});
