import rule from '../../../rules/hyperv-build-known-vulnerable.js';
import { unknown } from '../../../src/core/model/index.js';
import { hypervFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';
import { advisoryExpectations } from '../advisories/expect.js';

const host = (build: number, ubr: number) => hypervFacts({ hyperv: { os: { build, ubr } } });
const { na, ok, bad } = advisoryExpectations('hyperv.os.ubr');

// Data order: 2021-28476, 2024-20700, 2024-21407, 2024-38080, 2024-49117, 2025-21333, 2025-21334, 2025-21335.
testRule(
  rule,
  [
    {
      name: 'Server 2022 .2849 misses the December 2024 fix only; the 2025 VSP CVEs do not list 20348',
      facts: host(20348, 2849),
      expect: [
        na('CVE-2021-28476'),
        ok('CVE-2024-20700'),
        ok('CVE-2024-21407'),
        ok('CVE-2024-38080'),
        bad('CVE-2024-49117', 'high', { observed: '10.0.20348.2849', expected: '20348.2966 (KB5048654)' }),
        na('CVE-2025-21333'),
        na('CVE-2025-21334'),
        na('CVE-2025-21335'),
      ],
    },
    {
      name: 'the hotpatch build 20348.2333 counts as fixed for CVE-2024-21407; the KEV CVE is critical',
      facts: host(20348, 2333),
      expect: [
        na('CVE-2021-28476'),
        ok('CVE-2024-20700'),
        ok('CVE-2024-21407'),
        bad('CVE-2024-38080', 'critical', { message: 'exploited in the wild' }),
        bad('CVE-2024-49117', 'high'),
        na('CVE-2025-21333'),
        na('CVE-2025-21334'),
        na('CVE-2025-21335'),
      ],
    },
    {
      name: 'Server 2025 .2894 is fixed',
      facts: host(26100, 2894),
      expect: [
        na('CVE-2021-28476'),
        na('CVE-2024-20700'),
        na('CVE-2024-21407'),
        na('CVE-2024-38080'),
        ok('CVE-2024-49117'),
        ok('CVE-2025-21333'),
        ok('CVE-2025-21334'),
        ok('CVE-2025-21335'),
      ],
    },
    {
      name: 'Server 2025 .2605 misses the exploited January 2025 VSP fixes',
      facts: host(26100, 2605),
      expect: [
        na('CVE-2021-28476'),
        na('CVE-2024-20700'),
        na('CVE-2024-21407'),
        na('CVE-2024-38080'),
        ok('CVE-2024-49117'),
        bad('CVE-2025-21333', 'critical', { expected: '26100.2894 (KB5050009)' }),
        bad('CVE-2025-21334', 'critical'),
        bad('CVE-2025-21335', 'critical'),
      ],
    },
    {
      name: '2012 R2: the confirmed May 2021 rollup is not marked, the March 2024 KB is unverified',
      facts: host(9600, 20000),
      expect: [
        bad('CVE-2021-28476', 'high', {
          unverified: undefined,
          observed: '6.3.9600.20000',
          expected: '9600.20017 (KB5003209)',
        }),
        na('CVE-2024-20700'),
        bad('CVE-2024-21407', 'high', {
          unverified: true,
          expected: '9600.21871 (KB5035885)',
          message: '[unverified]',
          provenance: 'carries 9600.21871 was not seen',
        }),
        na('CVE-2024-38080'),
        na('CVE-2024-49117'),
        na('CVE-2025-21333'),
        na('CVE-2025-21334'),
        na('CVE-2025-21335'),
      ],
    },
    {
      name: 'without the Hyper-V role a missing fix is informational',
      facts: hypervFacts({ hyperv: { os: { build: 17763, ubr: 5000 }, role: { hypervInstalled: false } } }),
      expect: [
        ok('CVE-2021-28476'),
        bad('CVE-2024-20700', 'info', { message: 'role is not installed' }),
        bad('CVE-2024-21407', 'info'),
        na('CVE-2024-38080'),
        na('CVE-2024-49117'),
        na('CVE-2025-21333'),
        na('CVE-2025-21334'),
        na('CVE-2025-21335'),
      ],
    },
    {
      name: 'unknown UBR',
      facts: hypervFacts({ hyperv: { os: { ubr: unknown('UBR value absent') } } }),
      expect: [{ status: 'unknown', path: 'hyperv.os.ubr' }],
    },
    {
      name: 'unknown build',
      facts: hypervFacts({ hyperv: { os: { build: unknown('registry denied') } } }),
      expect: [{ status: 'unknown', path: 'hyperv.os.build' }],
    },
    {
      name: 'a client Windows build is not in the data',
      facts: host(19045, 5371),
      expect: [{ status: 'unknown', path: 'hyperv.os.build', message: '19045' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
