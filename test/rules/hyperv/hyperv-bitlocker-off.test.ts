import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-bitlocker-off.js';

testRule(rule, [
  { name: 'OS volume protected', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'C:' }] },
  {
    name: 'VM volume unprotected',
    facts: hypervFacts({
      hyperv: {
        bitlocker: [
          { mountPoint: 'C:', protectionOn: true },
          { mountPoint: 'D:', protectionOn: false, volumeStatus: 'FullyDecrypted' },
        ],
      },
    }),
    expect: [
      { status: 'pass', subject: 'C:' },
      { status: 'fail', subject: 'D:', message: 'FullyDecrypted' },
    ],
  },
  { name: 'no volumes reported', facts: hypervFacts({ hyperv: { bitlocker: [] } }), expect: [{ status: 'unknown' }] },
  {
    name: 'BitLocker module missing',
    facts: hypervFacts({ hyperv: { bitlocker: { unknown: true, reason: 'Get-BitLockerVolume not recognized' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
