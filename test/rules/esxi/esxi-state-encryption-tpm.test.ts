import rule from '../../../rules/esxi-state-encryption-tpm.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const path = 'esxi.stateEncryption.protectionMode';

testRule(
  rule,
  [
    { name: 'TPM mode passes', facts: esxiFacts(), expect: [{ status: 'pass', path, observed: 'TPM' }] },
    {
      name: 'lowercase tpm passes',
      facts: esxiFacts({ esxi: { stateEncryption: { protectionMode: 'tpm' } } }),
      expect: [{ status: 'pass', path }],
    },
    {
      name: 'mode none on a host with a TPM fails',
      facts: esxiFacts({ esxi: { stateEncryption: { protectionMode: 'none' } } }),
      expect: [{ status: 'fail', path, observed: 'none' }],
    },
    {
      name: 'no TPM is not applicable',
      facts: esxiFacts({
        firmware: { tpmPresent: false, tpmVersion: null },
        esxi: { stateEncryption: { protectionMode: 'none' } },
      }),
      expect: [{ status: 'not_applicable', path: 'firmware.tpmPresent' }],
    },
    // STIG ESXI-80-000238 V2R3: 'If the ESXi host does not have a compatible TPM, this finding is downgraded to a CAT III.'
    {
      name: 'stig: no TPM is still a finding, at CAT III',
      profile: 'stig',
      facts: esxiFacts({
        firmware: { tpmPresent: false, tpmVersion: null },
        esxi: { stateEncryption: { protectionMode: 'none' } },
      }),
      expect: [{ status: 'fail', path, observed: 'none', severity: 'low' }],
    },
    {
      name: 'stig: mode none on a host with a TPM is a CAT II finding',
      profile: 'stig',
      facts: esxiFacts({ esxi: { stateEncryption: { protectionMode: 'none' } } }),
      expect: [{ status: 'fail', path, severity: 'medium' }],
    },
    {
      name: 'stig: mode none with TPM presence unknown is a finding at the undowngraded category',
      profile: 'stig',
      facts: esxiFacts({
        firmware: { tpmPresent: unknown('capability.tpmSupported not returned') },
        esxi: { stateEncryption: { protectionMode: 'none' } },
      }),
      expect: [{ status: 'fail', path, severity: 'medium' }],
    },
    { name: 'stig: TPM mode passes', profile: 'stig', facts: esxiFacts(), expect: [{ status: 'pass', path }] },
    {
      name: 'mode none with unknown TPM presence is unknown',
      facts: esxiFacts({
        firmware: { tpmPresent: unknown('capability.tpmSupported not returned') },
        esxi: { stateEncryption: { protectionMode: 'none' } },
      }),
      expect: [{ status: 'unknown', path: 'firmware.tpmPresent' }],
    },
    {
      name: 'unknown state encryption',
      facts: esxiFacts({ esxi: { stateEncryption: unknown('not returned') } }),
      expect: [{ status: 'unknown', path: 'esxi.stateEncryption' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
