import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vmms-not-automatic.js';

testRule(
  rule,
  [
    { name: 'running, auto', facts: hypervFacts(), expect: [{ status: 'pass' }] },
    {
      name: 'manual',
      facts: hypervFacts({ hyperv: { role: { vmms: { state: 'Running', startMode: 'Manual' } } } }),
      expect: [{ status: 'fail', observed: { state: 'Running', startMode: 'Manual' } }],
    },
    {
      name: 'stopped',
      facts: hypervFacts({ hyperv: { role: { vmms: { state: 'Stopped', startMode: 'Auto' } } } }),
      expect: [{ status: 'fail' }],
    },
    {
      // Before, a missing StartMode read as the start mode 'unknown' and failed.
      name: 'running, start mode not given: unknown quoting why',
      facts: hypervFacts({
        hyperv: {
          role: {
            vmms: {
              state: 'Running',
              startMode: { unknown: true, reason: 'Win32_Service gave no StartMode for vmms' },
            },
          },
        },
      }),
      expect: [{ status: 'unknown', message: 'Win32_Service gave no StartMode for vmms' }],
    },
    {
      name: 'stopped, start mode not given: fails on the state',
      facts: hypervFacts({
        hyperv: { role: { vmms: { state: 'Stopped', startMode: { unknown: true, reason: 'no StartMode' } } } },
      }),
      expect: [{ status: 'fail', observed: { state: 'Stopped', startMode: null }, message: 'unknown (no StartMode)' }],
    },
    {
      name: 'no role',
      facts: hypervFacts({
        hyperv: { role: { hypervInstalled: false, vmms: { unknown: true, reason: 'no such service' } } },
      }),
      expect: [{ status: 'not_applicable' }],
    },
    {
      name: 'unknown',
      facts: hypervFacts({ hyperv: { role: { vmms: { unknown: true, reason: 'denied' } } } }),
      expect: [{ status: 'unknown' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
