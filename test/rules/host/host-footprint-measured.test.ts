import { testRule } from '../tester.js';
import { esxiFacts, hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/host-footprint-measured.js';

testRule(
  rule,
  [
    {
      name: 'ESXi: three measures, each approximation stated, surface sizes unknown but images listed',
      facts: esxiFacts(),
      expect: [
        {
          status: 'pass',
          subject: 'hypervisor-code',
          severity: 'info',
          message:
            'Hypervisor code: 32.0 MiB over 1 image (footprint.hypervisorCode.counted). An approximation: footprint.hypervisorCode.approximation says how.',
          observed: { bytes: 33_554_432, images: 1 },
        },
        {
          status: 'pass',
          subject: 'trusted-computing-base',
          message: '143.1 MiB over 2 images (footprint.trustedComputingBase.counted). An approximation',
        },
        {
          status: 'unknown',
          subject: 'management-surface',
          message:
            '1 image listed (footprint.managementSurface.counted), but no size this platform reports for the one image. An approximation: footprint.managementSurface.approximation says how.',
          observed: { images: 1 },
        },
      ],
    },
    {
      name: 'Hyper-V: exact hypervisor image, TCB as a lower bound, surface measured',
      facts: hypervFacts(),
      expect: [
        {
          status: 'pass',
          subject: 'hypervisor-code',
          // Exact: no approximation to point at.
          message: /^Hypervisor code: 2\.0 MiB over 1 image \(footprint\.hypervisorCode\.counted\)\.$/,
          observed: { bytes: 2_097_152, images: 1 },
        },
        {
          status: 'pass',
          subject: 'trusted-computing-base',
          message: '24.0 MiB over 3 images (footprint.trustedComputingBase.counted). An approximation',
        },
        {
          status: 'pass',
          subject: 'management-surface',
          message: /^Exposed management surface: 3\.5 MiB over 1 image \(footprint\.managementSurface\.counted\)\.$/,
        },
      ],
    },
    {
      name: 'an image without a readable size: listed, and the total is called a lower bound',
      facts: hypervFacts({
        footprint: {
          managementSurface: {
            bytes: 3_670_016,
            counted: [
              { item: 'C:\\Windows\\System32\\WsmSvc.dll', bytes: 3_670_016, role: 'tcp/5985' },
              { item: 'C:\\Windows\\System32\\svchost.exe', role: 'tcp/3389' },
            ],
          },
        },
      }),
      expect: [
        { status: 'pass', subject: 'hypervisor-code' },
        { status: 'pass', subject: 'trusted-computing-base' },
        {
          status: 'pass',
          subject: 'management-surface',
          message:
            '3.5 MiB over 2 images (footprint.managementSurface.counted). 1 of them have no readable size, so the total is a lower bound.',
        },
      ],
    },
    {
      name: 'a measure the connector could not take is unknown with its reason',
      facts: hypervFacts({
        footprint: { trustedComputingBase: { unknown: true, reason: 'section footprint failed: access denied' } },
      }),
      expect: [
        { status: 'pass', subject: 'hypervisor-code' },
        { status: 'unknown', subject: 'trusted-computing-base', message: 'access denied' },
        { status: 'pass', subject: 'management-surface' },
      ],
    },
  ],
  { statuses: ['pass', 'unknown'] },
);
