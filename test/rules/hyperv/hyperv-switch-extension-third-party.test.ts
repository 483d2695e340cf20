import { unknown, type Fact } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-switch-extension-third-party.js';

const sw = (extensions: { name: string; vendor?: string; enabled: Fact<boolean> }[]) => [
  { name: 'vSwitch-VM', switchType: 'External', allowManagementOS: false, extensions },
];

testRule(rule, [
  {
    name: 'Microsoft only',
    facts: hypervFacts({
      exposure: {
        switches: sw([{ name: 'Microsoft Windows Filtering Platform', vendor: 'Microsoft', enabled: true }]),
      },
    }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'third-party enabled',
    facts: hypervFacts({
      exposure: {
        switches: sw([
          { name: 'Cisco Nexus 1000V', vendor: 'Cisco', enabled: true },
          { name: 'Off one', vendor: 'X', enabled: false },
        ]),
      },
    }),
    expect: [{ status: 'fail', subject: 'vSwitch-VM/Cisco Nexus 1000V' }],
  },
  {
    name: 'a third-party extension whose Enabled was not reported is unknown; a Microsoft one does not matter',
    facts: hypervFacts({
      exposure: {
        switches: sw([
          {
            name: 'Acme Filter',
            vendor: 'Acme',
            enabled: unknown(
              'Get-VMSwitchExtension gave no Enabled for extension "Acme Filter" on switch "vSwitch-VM"',
            ),
          },
          { name: 'Microsoft NDIS Capture', vendor: 'Microsoft', enabled: unknown('no Enabled') },
        ]),
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'vSwitch-VM/Acme Filter',
        path: 'exposure.switches[vSwitch-VM].extensions[Acme Filter].enabled',
        message: 'gave no Enabled',
      },
    ],
  },
  { name: 'no extension at all passes', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    // Before, the collector's reason was dropped: the message said only "not reported".
    name: 'one switch reported Microsoft only, another could not list them: unknown with the reason, not pass',
    facts: hypervFacts({
      exposure: {
        switches: [
          ...sw([{ name: 'Microsoft NDIS Capture', vendor: 'Microsoft', enabled: true }]),
          {
            name: 'vSwitch-Mgmt',
            switchType: 'External',
            allowManagementOS: true,
            extensions: unknown('Get-VMSwitchExtension failed on switch vSwitch-Mgmt: Access denied'),
          },
        ],
      },
    }),
    expect: [
      {
        status: 'unknown',
        path: 'exposure.switches',
        message: 'switch vSwitch-Mgmt: Get-VMSwitchExtension failed on switch vSwitch-Mgmt: Access denied',
      },
    ],
  },
  {
    name: 'switches unknown',
    facts: hypervFacts({ exposure: { switches: { unknown: true, reason: 'denied' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
