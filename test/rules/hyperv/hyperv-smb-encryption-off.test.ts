import { testRule } from '../tester.js';
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
      name: 'unknown',
      facts: hypervFacts({ exposure: { smb: { unknown: true, reason: 'denied' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
