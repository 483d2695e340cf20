import { defineRule, isUnknown, noParams, result } from '../src/rules/define.js';
import { onEsxi, verdict, withFact } from '../src/rules/esxi-facts.js';

export default defineRule({
  id: 'esxi-state-encryption-tpm',
  title: 'The ESXi configuration is not sealed to the TPM',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'boot-integrity',
  rationale: 'In TPM mode the key that encrypts the host configuration is sealed to the TPM, so a stolen boot device reveals no secrets (SCG "if used": hosts with a TPM 2.0).',
  risk: 'Host secrets (password hashes, keys) can be read from a copied boot device.',
  remediation: {
    text: 'Switch configuration encryption to TPM mode on hosts with a TPM 2.0.',
    esxcli: 'esxcli system settings encryption set --mode=TPM',
    powercli: "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.encryption.set.Invoke(@{mode='TPM'})",
  },
  references: { scg: ['tpm-configuration'], stig: ['ESXI-80-000238'] },
  params: noParams,
  evaluate: (facts) =>
    onEsxi(facts, (esxi) => {
      if (esxi.firmware.tpmPresent === false) return result.notApplicable('firmware.tpmPresent', 'host has no TPM');
      return withFact('esxi.stateEncryption', esxi.esxi.stateEncryption, (state) => {
        const tpm = state.protectionMode.toLowerCase() === 'tpm';
        // Without knowing whether a TPM exists, a non-TPM mode may simply be the only option.
        if (!tpm && isUnknown(esxi.firmware.tpmPresent)) return result.unknown('firmware.tpmPresent', esxi.firmware.tpmPresent);
        return verdict(
          tpm,
          'esxi.stateEncryption.protectionMode',
          { pass: 'configuration encryption mode is TPM', fail: `configuration encryption mode is ${state.protectionMode}; expected TPM` },
          state.protectionMode,
          'TPM',
        );
      });
    }),
});
