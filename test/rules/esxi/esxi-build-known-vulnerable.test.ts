import rule from '../../../rules/esxi-build-known-vulnerable.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';
import { advisoryExpectations } from '../advisories/expect.js';

const host = (version: string, build: string) => esxiFacts({ product: { version, build } });
const { na, ok, bad } = advisoryExpectations('product.build');

/** 8.0.3 is outside the three oldest advisories and has the fixes for 2024-0013 and 2025-0004 in every build tested. */
const olderAdvisoriesOn803 = () => [
  na('VMSA-2020-0023'),
  na('VMSA-2021-0002'),
  na('VMSA-2024-0006'),
  ok('VMSA-2024-0013'),
  ok('VMSA-2025-0004'),
];

// Results come in data order: 2020-0023, 2021-0002, 2024-0006, 2024-0013, 2025-0004, 2025-0013, 2026-0006, 2026-0011.
testRule(
  rule,
  [
    {
      name: 'latest 8.0 U3 (U3m) is fixed for everything that affects 8.0.3',
      facts: host('8.0.3', '25926933'),
      expect: [
        ...olderAdvisoriesOn803(),
        ok('VMSA-2025-0013'),
        ok('VMSA-2026-0006'),
        ok('VMSA-2026-0011', { unverified: true }),
      ],
    },
    {
      name: '8.0 U3f is judged on the U3 line although the U2 fix build (U2e 24789317) is numerically higher',
      facts: host('8.0.3', '24784735'),
      expect: [
        ...olderAdvisoriesOn803(),
        ok('VMSA-2025-0013', { expected: { line: '8.0.3', fixedBuild: 24784735, release: 'ESXi80U3f-24784735' } }),
        bad('VMSA-2026-0006', 'high', { observed: { version: '8.0.3', build: 24784735 } }),
        bad('VMSA-2026-0011', 'high', {
          unverified: true,
          message: '[unverified]',
          provenance: 'advisory ID inferred',
        }),
      ],
    },
    {
      name: '8.0 U2d misses the U2 fixes, and has no 37085 fix on its line',
      facts: host('8.0.2', '24585300'),
      expect: [
        na('VMSA-2020-0023'),
        na('VMSA-2021-0002'),
        ok('VMSA-2024-0006'),
        bad('VMSA-2024-0013', 'critical', { message: 'No fixed build is listed for ESXi 8.0.2' }),
        ok('VMSA-2025-0004'),
        bad('VMSA-2025-0013', 'high', { message: 'older than 24789317 (ESXi80U2e-24789317)' }),
        bad('VMSA-2026-0006', 'high', { unverified: true }),
        bad('VMSA-2026-0011', 'high', { unverified: true }),
      ],
    },
    {
      name: 'ESXi 7.0 U3s: exploited AD bypass has no fix on 7.0, VMSA-2025-0013 is missing',
      facts: host('7.0.3', '24585291'),
      expect: [
        ok('VMSA-2020-0023'),
        ok('VMSA-2021-0002'),
        ok('VMSA-2024-0006'),
        bad('VMSA-2024-0013', 'critical', {
          message: 'mitigation: set Config.HostAgent.plugins.hostsvc.esxAdminsGroup',
        }),
        ok('VMSA-2025-0004'),
        bad('VMSA-2025-0013', 'high'),
        bad('VMSA-2026-0006', 'high'),
        na('VMSA-2026-0011'),
      ],
    },
    {
      // 7.0 U1 GA predates the SLP fix: VMSA-2020-0023 names 7.0 U1a (17119627), not 16850804.
      name: 'ESXi 7.0 U1 GA is still vulnerable to both SLP advisories',
      facts: host('7.0.1', '16850804'),
      expect: [
        bad('VMSA-2020-0023', 'critical', {
          message: 'older than 17119627',
          expected: { line: '7.0', fixedBuild: 17119627, release: 'ESXi 7.0 Update 1a (17119627)' },
        }),
        bad('VMSA-2021-0002', 'critical', { message: 'exploited in the wild' }),
        bad('VMSA-2024-0006', 'high'),
        bad('VMSA-2024-0013', 'critical'),
        bad('VMSA-2025-0004', 'critical'),
        bad('VMSA-2025-0013', 'high'),
        bad('VMSA-2026-0006', 'high'),
        na('VMSA-2026-0011'),
      ],
    },
    {
      name: 'ESXi 7.0 U1a has the VMSA-2020-0023 fix but not the ESXiArgs one',
      facts: host('7.0.1', '17119627'),
      expect: [
        ok('VMSA-2020-0023'),
        bad('VMSA-2021-0002', 'critical', { message: 'older than 17325551' }),
        bad('VMSA-2024-0006', 'high'),
        bad('VMSA-2024-0013', 'critical'),
        bad('VMSA-2025-0004', 'critical'),
        bad('VMSA-2025-0013', 'high'),
        bad('VMSA-2026-0006', 'high'),
        na('VMSA-2026-0011'),
      ],
    },
    {
      name: 'ESXi 6.7 P05: unknown fixed builds stay unknown, single-source builds are marked unverified',
      facts: host('6.7.0', '17700523'),
      expect: [
        ok('VMSA-2020-0023', {
          expected: { line: '6.7', fixedBuild: 17098360, release: 'ESXi 6.7 Express Patch 17 (17098360)' },
        }),
        ok('VMSA-2021-0002', { unverified: true }),
        bad('VMSA-2024-0006', 'high', { unverified: true, message: '[unverified]', provenance: 'single source' }),
        na('VMSA-2024-0013'),
        { status: 'unknown', subject: 'VMSA-2025-0004', unverified: true },
        na('VMSA-2025-0013'),
        na('VMSA-2026-0006'),
        na('VMSA-2026-0011'),
      ],
    },
    {
      name: 'the last 6.7 general-support patch (P08) still lacks the 2024 and 2025 fixes',
      facts: host('6.7.0', '20497097'),
      expect: [
        ok('VMSA-2020-0023'),
        ok('VMSA-2021-0002', { unverified: true }),
        bad('VMSA-2024-0006', 'high', { unverified: true }),
        na('VMSA-2024-0013'),
        { status: 'unknown', subject: 'VMSA-2025-0004' },
        na('VMSA-2025-0013'),
        na('VMSA-2026-0006'),
        na('VMSA-2026-0011'),
      ],
    },
    {
      name: 'ESX 9.0.2.0100 has the 9.0 fixes of 2025-0013 (9.0.0.0100) and 2026-0006',
      facts: host('9.0.2', '25595025'),
      expect: [
        na('VMSA-2020-0023'),
        na('VMSA-2021-0002'),
        na('VMSA-2024-0006'),
        na('VMSA-2024-0013'),
        na('VMSA-2025-0004'),
        ok('VMSA-2025-0013', {
          unverified: undefined,
          expected: { line: '9.0', fixedBuild: 24813472, release: 'ESXi-9.0.0.0100-24813472' },
        }),
        ok('VMSA-2026-0006'),
        bad('VMSA-2026-0011', 'high', { unverified: true }),
      ],
    },
    {
      name: 'ESX 9.0 GA misses the 9.0.0.0100 live patch',
      facts: host('9.0.0', '24755229'),
      expect: [
        na('VMSA-2020-0023'),
        na('VMSA-2021-0002'),
        na('VMSA-2024-0006'),
        na('VMSA-2024-0013'),
        na('VMSA-2025-0004'),
        bad('VMSA-2025-0013', 'high', { message: 'older than 24813472 (ESXi-9.0.0.0100-24813472)' }),
        bad('VMSA-2026-0006', 'high'),
        bad('VMSA-2026-0011', 'high', { unverified: true }),
      ],
    },
    {
      name: 'unknown version',
      facts: esxiFacts({ product: { version: unknown('config.product not returned') } }),
      expect: [{ status: 'unknown', path: 'product.version' }],
    },
    {
      name: 'unknown build',
      facts: esxiFacts({ product: { build: unknown('config.product not returned') } }),
      expect: [{ status: 'unknown', path: 'product.build' }],
    },
    {
      name: 'non-numeric build',
      facts: host('8.0.3', 'custom'),
      expect: [{ status: 'unknown', path: 'product.build' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
