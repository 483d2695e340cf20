import { testRule } from '../test/rules/tester.js';
import { esxiFacts, hypervFacts } from '../test/fixtures/facts.js';
import rule from './host-introspection-in-hypervisor.js';

const vib = (name: string, vendor = 'VMware') => ({ name, version: '1.0', vendor, acceptanceLevel: 'vmware_certified' as const, inHypervisor: true, kind: 'vib' as const, source: 'fetchSoftwarePackages' });
const baseVibs = esxiFacts().drivers as ReturnType<typeof vib>[];
const ruleset = (key: string) => ({ key, enabled: true, allowedAllIp: true, allowedIps: [], allowedNetworks: [], rules: [] });
const unknownFact = (reason: string) => ({ unknown: true as const, reason });

testRule(rule, [
  { name: 'clean ESXi host', facts: esxiFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'Hyper-V: not applicable, and says why (no third-party code loads into hvix64/hvax64)',
    facts: hypervFacts(),
    expect: [{ status: 'not_applicable', path: 'hyperv.hypervisorBinary', message: /loads no third-party modules.*hyperv-ndis-filter-third-party/ }],
  },
  {
    name: 'epsec-mux VIB with an agent reporting the same VIB',
    facts: esxiFacts({
      drivers: [...baseVibs, vib('epsec-mux')],
      agents: [{ name: 'NSX Guest Introspection', kind: 'introspection', scope: 'hypervisor', evidence: ['VIB epsec-mux'] }],
    }),
    expect: [{ status: 'fail', subject: 'epsec-mux', message: 'An exploited AV has access to every VM.' }],
  },
  {
    name: 'dvfilter-dsa is flagged as unverified',
    facts: esxiFacts({ drivers: [...baseVibs, vib('dvfilter-dsa', 'TrendMicro')] }),
    expect: [{ status: 'fail', subject: 'dvfilter-dsa', unverified: true, message: 'unverified' }],
  },
  {
    name: 'nsx-context-mux without a partner SVM is not a finding',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')] }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'nsx-context-mux with a partner SVM',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')], vms: { count: 2, items: [{ name: 'app01' }, { name: 'Trend DSVA (1)', serviceVm: true }] } }),
    expect: [{ status: 'fail', subject: 'nsx-context-mux', message: 'Trend DSVA (1)' }],
  },
  {
    name: 'nsx-context-mux with VMs unknown',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')], vms: unknownFact('vm list denied') }),
    expect: [{ status: 'unknown', message: 'vm list denied' }],
  },
  {
    name: 'vShield-Endpoint-Mux service and rulesets count once each',
    facts: esxiFacts({
      services: [{ name: 'vShield-Endpoint-Mux', running: true, exposed: false }],
      exposure: { firewall: { incomingBlocked: true, outgoingBlocked: true, rulesets: [ruleset('vShield-Endpoint-Mux'), ruleset('vShield-Endpoint-Mux-Partners')] } },
    }),
    expect: [{ status: 'fail', subject: 'vShield-Endpoint-Mux', path: 'services[vShield-Endpoint-Mux]' }],
  },
  {
    name: 'ruleset alone',
    facts: esxiFacts({ exposure: { firewall: { incomingBlocked: true, outgoingBlocked: true, rulesets: [ruleset('vShield-Endpoint-Mux-Partners')] } } }),
    expect: [{ status: 'fail', subject: 'vShield-Endpoint-Mux-Partners', observed: ['ruleset vShield-Endpoint-Mux-Partners (enabled)'] }],
  },
  {
    name: 'a ruleset whose enabled flag was not reported is not called enabled',
    facts: esxiFacts({
      exposure: {
        firewall: { incomingBlocked: true, outgoingBlocked: true, rulesets: [{ ...ruleset('vShield-Endpoint-Mux'), enabled: { unknown: true, reason: 'enabled not reported' } }] },
      },
    }),
    expect: [{ status: 'fail', subject: 'vShield-Endpoint-Mux', observed: ['ruleset vShield-Endpoint-Mux (enabled state not reported)'] }],
  },
  {
    name: 'Hyper-V with an agent list that failed is still not applicable: nothing it could hold runs in the hypervisor',
    facts: hypervFacts({ agents: unknownFact('service list failed') }),
    expect: [{ status: 'not_applicable' }],
  },
  {
    name: 'VIB list unknown and nothing else found',
    facts: esxiFacts({ drivers: unknownFact('NoPermission on fetchSoftwarePackages') }),
    expect: [{ status: 'unknown', message: 'NoPermission' }],
  },
]);
