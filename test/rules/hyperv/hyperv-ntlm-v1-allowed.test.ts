import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-ntlm-v1-allowed.js';

/** The fixture host with an empty settings record (deep merge cannot remove keys). */
function withoutSettings() {
  const facts = hypervFacts();
  facts.hyperv.settings = {};
  return facts;
}

testRule(rule, [
  { name: 'level 5', facts: hypervFacts(), expect: [{ status: 'pass', observed: 5 }] },
  {
    name: 'level 3 (string)',
    facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: '3' } } }),
    expect: [{ status: 'fail', observed: 3 }],
  },
  {
    name: 'a value the collector could not read is unknown, not "not set"',
    facts: hypervFacts({
      hyperv: {
        settings: { LmCompatibilityLevel: { unknown: true, reason: 'registry value not readable: access denied' } },
      },
    }),
    expect: [{ status: 'unknown', path: 'hyperv.settings[LmCompatibilityLevel]', message: 'access denied' }],
  },
  {
    name: 'not set',
    facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: null } } }),
    expect: [{ status: 'fail', observed: null }],
  },
  {
    name: 'garbage',
    facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: 'x' } } }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'settings unknown',
    facts: hypervFacts({ hyperv: { settings: { unknown: true, reason: 'registry denied' } } }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'a collector that did not report the key: unknown, not the OS default',
    facts: withoutSettings(),
    expect: [{ status: 'unknown', path: 'hyperv.settings[LmCompatibilityLevel]', message: 'not reported' }],
  },
]);
