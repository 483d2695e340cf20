import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-hvci-not-running.js';

testRule(
  rule,
  [
    { name: 'running', facts: hypervFacts(), expect: [{ status: 'pass' }] },
    {
      name: 'configured only',
      facts: hypervFacts({ hyperv: { deviceGuard: { servicesConfigured: [2], servicesRunning: [] } } }),
      expect: [{ status: 'fail', message: 'configured but not running' }],
    },
    {
      name: 'not configured',
      facts: hypervFacts({ hyperv: { deviceGuard: { servicesConfigured: [], servicesRunning: [1] } } }),
      expect: [{ status: 'fail', observed: [1] }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { deviceGuard: { unknown: true, reason: 'Invalid namespace' } } }),
      expect: [{ status: 'unknown' }],
    },
    {
      name: 'Windows Server 2012 R2 has no VBS',
      facts: hypervFacts({
        hyperv: { os: { build: 9600 }, deviceGuard: { unknown: true, reason: 'Invalid namespace' } },
      }),
      expect: [{ status: 'not_applicable', path: 'hyperv.os.build' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
