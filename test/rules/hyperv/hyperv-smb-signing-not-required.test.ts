import { testRule } from '../tester.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-smb-signing-not-required.js';

testRule(rule, [
  { name: 'required', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'not required',
    facts: hypervFacts({ exposure: { smb: { requireSigning: false } } }),
    expect: [{ status: 'fail' }],
  },
  {
    // Before, the value was left out and the message said only "was not reported".
    name: 'unreadable: unknown quoting why',
    facts: hypervFacts({
      exposure: { smb: { requireSigning: unknown('Get-SmbServerConfiguration gave no RequireSecuritySignature') } },
    }),
    expect: [
      {
        status: 'unknown',
        path: 'exposure.smb.requireSigning',
        message: 'Get-SmbServerConfiguration gave no RequireSecuritySignature',
      },
    ],
  },
  {
    name: 'unknown',
    facts: hypervFacts({ exposure: { smb: { unknown: true, reason: 'denied' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
