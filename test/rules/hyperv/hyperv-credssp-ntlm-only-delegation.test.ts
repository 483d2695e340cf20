import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-credssp-ntlm-only-delegation.js';

const KEY = 'CredSSP.AllowFreshCredentialsWhenNTLMOnly';

testRule(rule, [
  {
    name: 'policy not set',
    facts: hypervFacts({ hyperv: { settings: { [KEY]: null } } }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'enabled for wsman/*',
    facts: hypervFacts({ hyperv: { settings: { [KEY]: 1, [`${KEY}.Servers`]: 'wsman/*' } } }),
    expect: [{ status: 'fail', observed: { value: 1, servers: 'wsman/*' }, message: 'NTLM-only servers: wsman/*' }],
  },
  { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown', message: 'not reported' }] },
  {
    name: 'unreadable',
    facts: hypervFacts({ hyperv: { settings: { [KEY]: { unknown: true, reason: 'registry value not readable' } } } }),
    expect: [{ status: 'unknown', message: 'not readable' }],
  },
]);
