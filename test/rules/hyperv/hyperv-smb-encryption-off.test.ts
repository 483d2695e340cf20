import { testRule } from '../tester.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-smb-encryption-off.js';

testRule(
  rule,
  [
    { name: 'off (scg)', facts: hypervFacts(), expect: [{ status: 'fail' }] },
    {
      name: 'off (stig does not require it)',
      facts: hypervFacts(),
      profile: 'stig',
      expect: [{ status: 'not_applicable' }],
    },
    { name: 'on', facts: hypervFacts({ exposure: { smb: { encryptData: true } } }), expect: [{ status: 'pass' }] },
    {
      name: 'unreadable: unknown quoting why',
      facts: hypervFacts({
        exposure: { smb: { encryptData: unknown('Get-SmbServerConfiguration gave no EncryptData') } },
      }),
      expect: [
        {
          status: 'unknown',
          path: 'exposure.smb.encryptData',
          message: 'Get-SmbServerConfiguration gave no EncryptData',
        },
      ],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ exposure: { smb: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
