import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vbs-not-running.js';

testRule(
  rule,
  [
    { name: 'running', facts: hypervFacts(), expect: [{ status: 'pass', observed: 2 }] },
    {
      name: 'enabled, not running',
      facts: hypervFacts({ hyperv: { deviceGuard: { vbsStatus: 1 } } }),
      expect: [{ status: 'fail', message: 'enabled but not running' }],
    },
    {
      name: 'off',
      facts: hypervFacts({ hyperv: { deviceGuard: { vbsStatus: 0, servicesRunning: [] } } }),
      expect: [{ status: 'fail', observed: 0 }],
    },
    {
      name: 'Win32_DeviceGuard missing',
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
