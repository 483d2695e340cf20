import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-hvci-not-running.js';

testRule(rule, [
  { name: 'running', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  { name: 'configured only', facts: hypervFacts({ hyperv: { deviceGuard: { servicesConfigured: [2], servicesRunning: [] } } }), expect: [{ status: 'fail', message: 'configured but not running' }] },
  { name: 'not configured', facts: hypervFacts({ hyperv: { deviceGuard: { servicesConfigured: [], servicesRunning: [1] } } }), expect: [{ status: 'fail', observed: [1] }] },
  { name: 'unknown', facts: hypervFacts({ hyperv: { deviceGuard: { unknown: true, reason: 'Invalid namespace' } } }), expect: [{ status: 'unknown' }] },
]);
