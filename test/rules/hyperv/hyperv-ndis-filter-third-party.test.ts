import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-ndis-filter-third-party.js';

const binding = (componentId: string, displayName?: string) => ({
  switchName: 'External',
  adapter: 'SLOT 2 Port 1',
  componentId,
  displayName,
});

testRule(rule, [
  {
    name: 'only the switch protocol and Microsoft components',
    facts: hypervFacts({
      hyperv: {
        netFilters: [
          binding('vms_pp', 'Hyper-V Extensible Virtual Switch'),
          binding('MS_NDISCAP', 'Microsoft NDIS Capture'),
        ],
      },
    }),
    expect: [{ status: 'pass', observed: 2 }],
  },
  {
    name: "Npcap's lightweight filter under the switch",
    facts: hypervFacts({
      hyperv: { netFilters: [binding('vms_pp'), binding('INSECURE_NPCAP', 'Npcap Packet Driver (NPCAP)')] },
    }),
    expect: [
      {
        status: 'fail',
        subject: 'External/SLOT 2 Port 1/INSECURE_NPCAP',
        observed: 'INSECURE_NPCAP',
        message: 'Npcap Packet Driver (NPCAP) (INSECURE_NPCAP) is bound to SLOT 2 Port 1',
      },
    ],
  },
  {
    name: 'a component the operator declares as trusted',
    facts: hypervFacts({ hyperv: { netFilters: [binding('vms_pp'), binding('acme_edr')] } }),
    params: { microsoftComponents: ['ms_*', 'vms_pp', 'acme_*'] },
    expect: [{ status: 'pass' }],
  },
  { name: 'none listed passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'unknown',
    facts: hypervFacts({ hyperv: { netFilters: { unknown: true, reason: 'Get-NetAdapter failed' } } }),
    expect: [{ status: 'unknown', message: 'Get-NetAdapter failed' }],
  },
]);
