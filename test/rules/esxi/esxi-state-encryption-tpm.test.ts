import rule from '../../../rules/esxi-state-encryption-tpm.js';
import { unknown } from '../../../src/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const path = 'esxi.stateEncryption.protectionMode';

testRule(
  rule,
  [
    { name: 'TPM mode passes', facts: esxiFacts(), expect: [{ status: 'pass', path, observed: 'TPM' }] },
    { name: 'lowercase tpm passes', facts: esxiFacts({ esxi: { stateEncryption: { protectionMode: 'tpm' } } }), expect: [{ status: 'pass', path }] },
    {
      name: 'mode none on a host with a TPM fails',
      facts: esxiFacts({ esxi: { stateEncryption: { protectionMode: 'none' } } }),
      expect: [{ status: 'fail', path, observed: 'none' }],
    },
    {
      name: 'no TPM is not applicable',
      facts: esxiFacts({ firmware: { tpmPresent: false, tpmVersion: null }, esxi: { stateEncryption: { protectionMode: 'none' } } }),
      expect: [{ status: 'not_applicable', path: 'firmware.tpmPresent' }],
    },
    {
      name: 'mode none with unknown TPM presence is unknown',
      facts: esxiFacts({ firmware: { tpmPresent: unknown('capability.tpmSupported not returned') }, esxi: { stateEncryption: { protectionMode: 'none' } } }),
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
