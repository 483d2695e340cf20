import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-smb1-enabled.js';

testRule(rule, [
  { name: 'SMB1 off', facts: hypervFacts(), expect: [{ status: 'pass', observed: false }] },
  {
    name: 'SMB1 on',
    facts: hypervFacts({ exposure: { smb: { smb1Enabled: true } } }),
    expect: [{ status: 'fail', observed: true }],
  },
  {
    name: 'unreadable',
    facts: hypervFacts({ exposure: { smb: { unknown: true, reason: 'Get-SmbServerConfiguration failed' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
