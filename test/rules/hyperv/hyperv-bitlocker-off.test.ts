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
          { mountPoint: 'C:', protectionOn: true, volumeStatus: 'FullyEncrypted', encryptionPercentage: 100 },
          { mountPoint: 'D:', protectionOn: false, volumeStatus: 'FullyDecrypted', encryptionPercentage: 0 },
        ],
      },
    }),
    expect: [
      { status: 'pass', subject: 'C:' },
      { status: 'fail', subject: 'D:', message: 'FullyDecrypted' },
    ],
  },
  {
    // Before, an unread status was left out of the message without a word.
    name: 'volume status unreadable: the verdict stands on ProtectionStatus, the message says why the status is missing',
    facts: hypervFacts({
      hyperv: {
        bitlocker: [
          {
            mountPoint: 'D:',
            protectionOn: false,
            volumeStatus: { unknown: true, reason: 'Win32_EncryptableVolume gave no ConversionStatus for volume D:' },
            encryptionPercentage: { unknown: true, reason: 'no EncryptionPercentage property' },
          },
        ],
      },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'D:',
        message: 'volume status unknown: Win32_EncryptableVolume gave no ConversionStatus for volume D:',
      },
    ],
  },
  { name: 'no volumes reported', facts: hypervFacts({ hyperv: { bitlocker: [] } }), expect: [{ status: 'unknown' }] },
  {
    name: 'BitLocker module missing',
    facts: hypervFacts({ hyperv: { bitlocker: { unknown: true, reason: 'Get-BitLockerVolume not recognized' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
