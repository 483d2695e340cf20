import { testRule } from '../tester.js';
import { esxiFacts, hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/host-introspection-in-hypervisor.js';

const vib = (name: string, vendor = 'VMware') => ({
  name,
  version: '1.0',
  vendor,
  acceptanceLevel: 'vmware_certified' as const,
  inHypervisor: true,
  kind: 'vib' as const,
  source: 'fetchSoftwarePackages',
});
const baseVibs = esxiFacts().drivers as ReturnType<typeof vib>[];
const ruleset = (key: string, enabled: boolean | { unknown: true; reason: string } = true) => ({
  key,
  enabled,
  allowedAllIp: true,
  allowedIps: [],
  allowedNetworks: [],
  rules: [],
});
const firewall = (...rulesets: ReturnType<typeof ruleset>[]) => ({
  firewall: { incomingBlocked: true, outgoingBlocked: true, rulesets },
});
const muxService = (running: boolean | { unknown: true; reason: string }) => ({
  name: 'vShield-Endpoint-Mux',
  running,
  startupPolicy: 'on',
  exposed: false,
});
const unknownFact = (reason: string) => ({ unknown: true as const, reason });
const partnerSvm = {
  count: 2,
  items: [vmFacts({ name: 'app01' }), vmFacts({ name: 'Trend DSVA (1)', serviceVm: true })],
};
const MUX = 'guest-introspection-mux';

// Severity follows what runs: VMware's MUX VIB alone (epsec-mux also ships in the NSX-T 2.x host VIB set) is inventory;
// the MUX service running or its enabled rulesets is medium; a partner service VM using it is high; third-party
// introspection code in the vmkernel (Ring -1) is high.
testRule(rule, [
  { name: 'clean ESXi host', facts: esxiFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'Hyper-V: not applicable, and says why (no third-party code loads into hvix64/hvax64)',
    facts: hypervFacts(),
    expect: [
      {
        status: 'not_applicable',
        path: 'hyperv.hypervisorBinary',
        message: /loads no third-party modules.*hyperv-ndis-filter-third-party/,
      },
    ],
  },
  {
    name: 'epsec-mux installed but idle (NSX-T 2.x host VIB set), an agent reporting the same VIB',
    facts: esxiFacts({
      drivers: [...baseVibs, vib('epsec-mux')],
      agents: [
        {
          name: 'Guest Introspection MUX',
          kind: 'introspection',
          scope: 'hypervisor',
          evidence: ['VIB epsec-mux 1.0 (confidence high)'],
        },
      ],
    }),
    expect: [{ status: 'pass', subject: MUX, message: "VMware's certified Guest Introspection MUX" }],
  },
  {
    name: 'the MUX service running without a partner service VM',
    facts: esxiFacts({ drivers: [...baseVibs, vib('epsec-mux')], services: [muxService(true)] }),
    expect: [{ status: 'fail', subject: MUX, severity: 'medium', path: 'services[vShield-Endpoint-Mux]' }],
  },
  {
    name: 'the MUX with a partner service VM: introspection is active',
    facts: esxiFacts({
      drivers: [...baseVibs, vib('epsec-mux')],
      services: [muxService(true)],
      exposure: firewall(ruleset('vShield-Endpoint-Mux')),
      vms: partnerSvm,
    }),
    expect: [{ status: 'fail', subject: MUX, severity: 'high', message: 'Trend DSVA (1)' }],
  },
  {
    name: 'nsx-context-mux without a partner SVM is not a finding',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')] }),
    expect: [{ status: 'pass', subject: MUX }],
  },
  {
    name: 'nsx-context-mux with a partner SVM',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')], vms: partnerSvm }),
    expect: [{ status: 'fail', subject: MUX, severity: 'high', message: 'Trend DSVA (1)' }],
  },
  {
    name: 'nsx-context-mux with VMs unknown',
    facts: esxiFacts({ drivers: [...baseVibs, vib('nsx-context-mux')], vms: unknownFact('vm list denied') }),
    expect: [{ status: 'unknown', message: 'vm list denied' }],
  },
  {
    // Before, an EAM-managed VM without a managedBy type was counted as a partner service VM (a vCLS agent may be one).
    name: 'nsx-context-mux with a VM whose managedBy type was not reported: unknown quoting why',
    facts: esxiFacts({
      drivers: [...baseVibs, vib('nsx-context-mux')],
      vms: {
        count: 1,
        items: [
          vmFacts({
            name: 'eam-vm',
            serviceVm: unknownFact(
              'config.managedBy of extension com.vmware.vim.eam gave no type (ManagedByInfo.type)',
            ),
          }),
        ],
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: MUX,
        message: 'VM eam-vm: config.managedBy of extension com.vmware.vim.eam gave no type',
      },
    ],
  },
  {
    name: 'MUX rulesets count only when enabled',
    facts: esxiFacts({
      exposure: firewall(ruleset('vShield-Endpoint-Mux', false), ruleset('vShield-Endpoint-Mux-Partners', false)),
    }),
    expect: [{ status: 'pass', subject: MUX }],
  },
  {
    name: 'an enabled MUX ruleset alone',
    facts: esxiFacts({ exposure: firewall(ruleset('vShield-Endpoint-Mux-Partners')) }),
    expect: [
      {
        status: 'fail',
        subject: MUX,
        severity: 'medium',
        observed: ['ruleset vShield-Endpoint-Mux-Partners (enabled)'],
      },
    ],
  },
  {
    name: 'a MUX ruleset whose enabled flag was not reported is unknown, not enabled',
    facts: esxiFacts({ exposure: firewall(ruleset('vShield-Endpoint-Mux', unknownFact('enabled not reported'))) }),
    expect: [{ status: 'unknown', subject: MUX, message: 'enabled not reported' }],
  },
  {
    name: 'MUX service state not reported',
    facts: esxiFacts({ services: [muxService(unknownFact('running flag not reported'))] }),
    expect: [{ status: 'unknown', subject: MUX, message: 'running flag not reported' }],
  },
  {
    name: 'dvfilter-dsa: third-party code in Ring -1, flagged as unverified',
    facts: esxiFacts({ drivers: [...baseVibs, vib('dvfilter-dsa', 'TrendMicro')] }),
    expect: [
      {
        status: 'fail',
        subject: 'dvfilter-dsa',
        severity: 'high',
        unverified: true,
        message: 'third-party code in Ring -1',
      },
    ],
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
