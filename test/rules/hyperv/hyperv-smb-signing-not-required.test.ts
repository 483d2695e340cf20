import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-smb-signing-not-required.js';

const notReported = hypervFacts();
if (typeof notReported.exposure.smb === 'object' && 'smb1Enabled' in notReported.exposure.smb)
  delete notReported.exposure.smb.requireSigning;

testRule(rule, [
  { name: 'required', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'not required',
    facts: hypervFacts({ exposure: { smb: { requireSigning: false } } }),
    expect: [{ status: 'fail' }],
  },
  { name: 'not reported', facts: notReported, expect: [{ status: 'unknown', message: 'RequireSecuritySignature' }] },
  {
    name: 'unknown',
    facts: hypervFacts({ exposure: { smb: { unknown: true, reason: 'denied' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
