import { testRule } from '../test/rules/tester.js';
import { esxiFacts, hypervFacts } from '../test/fixtures/facts.js';
import rule from './host-footprint-measured.js';

testRule(
  rule,
  [
    {
      name: 'ESXi: both measures with definitions',
      facts: esxiFacts(),
      expect: [
        { status: 'pass', subject: 'ring-1', severity: 'info', message: '150.0 MiB. Definition: Installed size of the VIBs' },
        { status: 'pass', subject: 'with-management', message: '400.0 MiB' },
      ],
    },
    {
      name: 'Hyper-V: tiny Ring -1, large root partition',
      facts: hypervFacts(),
      expect: [
        { status: 'pass', subject: 'ring-1', message: '2.0 MiB', observed: { bytes: 2_097_152, counted: ['hvix64.exe'], definition: 'Size of the hypervisor binary loaded at boot.' } },
        { status: 'pass', subject: 'with-management', message: '10240.0 MiB' },
      ],
    },
    {
      name: 'management size unknown',
      facts: hypervFacts({ footprint: { withManagement: { unknown: true, reason: 'folder size needs admin' } } }),
      expect: [{ status: 'pass', subject: 'ring-1' }, { status: 'unknown', subject: 'with-management', message: 'needs admin' }],
    },
  ],
  { statuses: ['pass', 'unknown'] },
);
