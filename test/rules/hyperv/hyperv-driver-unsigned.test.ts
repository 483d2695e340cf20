import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-driver-unsigned.js';

const drv = (name: string, signed: boolean) => ({
  name,
  vendor: 'Acme',
  signed,
  inHypervisor: false,
  kind: 'pnp' as const,
  source: 'Win32_PnPSignedDriver',
});

testRule(rule, [
  { name: 'all signed', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'one unsigned',
    facts: hypervFacts({ drivers: [drv('good', true), drv('acmefilt', false)] }),
    expect: [{ status: 'fail', subject: 'acmefilt', message: 'Acme' }],
  },
  {
    name: 'unknown',
    facts: hypervFacts({ drivers: { unknown: true, reason: 'WMI timeout' } }),
    expect: [{ status: 'unknown' }],
  },
]);
