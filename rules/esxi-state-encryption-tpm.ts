import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-state-encryption-tpm',
  title: 'The ESXi configuration is not sealed to the TPM',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'boot-integrity',
  rationale:
    'In TPM mode the key that encrypts the host configuration is sealed to the TPM, so a stolen boot device reveals no secrets. The SCG applies to hosts with a TPM 2.0; the STIG finds any mode but TPM, downgraded to CAT III on a host without a compatible TPM.',
  risk: 'Host secrets (password hashes, keys) can be read from a copied boot device.',
  remediation: {
    text: 'Switch configuration encryption to TPM mode (on a host without a TPM 2.0, fit one first).',
    esxcli: 'esxcli system settings encryption set --mode=TPM',
    powercli: "$esxcli = Get-EsxCli -VMHost $vmhost -V2; $esxcli.system.settings.encryption.set.Invoke(@{mode='TPM'})",
  },
  references: { scg: ['tpm-configuration'], stig: ['ESXI-80-000238'] },
  params: z
    .object({
      withoutTpm: z
        .enum(['not_applicable', 'finding'])
        .default('not_applicable')
        .describe('A host without a TPM: outside the control (SCG), or still a finding at CAT III (STIG).'),
    })
    .strict(),
  evaluate: (esxi, params) => {
    const tpmPresent = esxi.firmware.tpmPresent;
    const stig = params.withoutTpm === 'finding';
    if (tpmPresent === false && !stig) return result.notApplicable('firmware.tpmPresent', 'host has no TPM');
    return withFact('esxi.stateEncryption', esxi.esxi.stateEncryption, (state) =>
      withFact('esxi.stateEncryption.protectionMode', state.protectionMode, (protectionMode) => {
        const tpm = protectionMode.toLowerCase() === 'tpm';
        // Outside the STIG, a non-TPM mode on a host that may lack a TPM may simply be the only option.
        if (!tpm && !stig && isUnknown(tpmPresent)) return result.unknown('firmware.tpmPresent', tpmPresent);
        const judged = verdict(
          tpm,
          'esxi.stateEncryption.protectionMode',
          {
            pass: 'configuration encryption mode is TPM',
            fail: `configuration encryption mode is ${protectionMode}; expected TPM`,
          },
          protectionMode,
          'TPM',
        );
        return !tpm && tpmPresent === false
          ? { ...judged, message: `${judged.message} (no TPM: CAT III)`, severity: 'low' }
          : judged;
      }),
    );
  },
});
