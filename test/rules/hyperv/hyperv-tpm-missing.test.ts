import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-tpm-missing.js';

testRule(
  rule,
  [
    { name: 'TPM 2.0', facts: hypervFacts(), expect: [{ status: 'pass', observed: '2.0' }] },
    {
      name: 'TPM 1.2',
      facts: hypervFacts({ firmware: { tpmVersion: '1.2' } }),
      expect: [{ status: 'fail', observed: '1.2' }],
    },
    {
      name: 'none',
      facts: hypervFacts({ firmware: { tpmPresent: false, tpmVersion: null } }),
      expect: [{ status: 'fail', path: 'firmware.tpmPresent' }],
    },
    {
      name: 'none, lab',
      facts: hypervFacts({ firmware: { tpmPresent: false, tpmVersion: null } }),
      profile: 'lab',
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'Win32_Tpm denied',
      facts: hypervFacts({ firmware: { tpmPresent: { unknown: true, reason: 'access denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
