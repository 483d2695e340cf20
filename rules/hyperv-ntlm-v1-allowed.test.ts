import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-ntlm-v1-allowed.js';

testRule(rule, [
  { name: 'level 5', facts: hypervFacts(), expect: [{ status: 'pass', observed: 5 }] },
  { name: 'level 3 (string)', facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: '3' } } }), expect: [{ status: 'fail', observed: 3 }] },
  { name: 'not set', facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: null } } }), expect: [{ status: 'fail', observed: null }] },
  { name: 'garbage', facts: hypervFacts({ hyperv: { settings: { LmCompatibilityLevel: 'x' } } }), expect: [{ status: 'unknown' }] },
  { name: 'settings unknown', facts: hypervFacts({ hyperv: { settings: { unknown: true, reason: 'registry denied' } } }), expect: [{ status: 'unknown' }] },
]);
