import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-defender-signatures-stale.js';

const noAge = hypervFacts();
if (typeof noAge.hyperv.defender === 'object' && 'installed' in noAge.hyperv.defender)
  delete noAge.hyperv.defender.signatureAgeDays;
const old = hypervFacts({ hyperv: { defender: { signatureAgeDays: 12 } } });

testRule(
  rule,
  [
    { name: 'fresh', facts: hypervFacts(), expect: [{ status: 'pass', observed: 1 }] },
    { name: '12 days (scg)', facts: old, expect: [{ status: 'fail', expected: '<= 7' }] },
    { name: '12 days (lab)', facts: old, profile: 'lab', expect: [{ status: 'pass', expected: '<= 30' }] },
    { name: 'override', facts: old, params: { maxAgeDays: 14 }, expect: [{ status: 'pass' }] },
    {
      name: 'not installed',
      facts: hypervFacts({ hyperv: { defender: { installed: false } } }),
      expect: [{ status: 'not_applicable' }],
    },
    { name: 'age not reported', facts: noAge, expect: [{ status: 'unknown', message: 'signature age' }] },
    {
      name: 'Get-MpComputerStatus failed: unknown quoting its error',
      facts: hypervFacts({
        hyperv: {
          defender: { signatureAgeDays: { unknown: true, reason: 'Get-MpComputerStatus failed: 0x800106ba' } },
        },
      }),
      expect: [{ status: 'unknown', message: 'Get-MpComputerStatus failed: 0x800106ba' }],
    },
    {
      name: 'status unknown',
      facts: hypervFacts({ hyperv: { defender: { unknown: true, reason: 'WMI failed' } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
