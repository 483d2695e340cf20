import { testRule } from '../tester.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { cliNotRun, cliSettings } from '../esxi-helpers.js';
import rule from '../../../rules/esxi-third-party-api-exposed.js';

/** SNMP enabled with no v1/v2c community or target, and these v3 users (esxcli system snmp get). */
const v3Snmp = (users: Array<{ user: string; security: 'none' | 'auth' | 'priv' }>, authentication = 'SHA1') =>
  esxiFacts({
    exposure: { snmp: { enabled: true, readOnlyCommunities: 0, trapTargets: 0 } },
    esxi: { cli: cliSettings({ snmpV3: { enabled: true, authentication, privacy: 'AES128', users } }) },
  });

const svc = (
  name: string,
  running: boolean | { unknown: true; reason: string },
  startupPolicy: string | { unknown: true; reason: string },
) => ({ name, running, startupPolicy, exposed: true });

testRule(rule, [
  {
    name: 'hardened: daemons absent, MOB and SNMP off',
    facts: esxiFacts(),
    expect: [
      { status: 'pass', subject: 'cim', observed: 'absent' },
      { status: 'pass', subject: 'slp' },
      { status: 'pass', subject: 'mob' },
      { status: 'pass', subject: 'snmp' },
    ],
  },
  {
    name: 'ESXi 7.0 defaults: CIM and SLP running, MOB on, SNMP v2c',
    facts: esxiFacts({
      services: [svc('sfcbd-watchdog', true, 'on'), svc('slpd', true, 'on')],
      exposure: { mob: true, snmp: { enabled: true, readOnlyCommunities: 1, trapTargets: 0 } },
    }),
    expect: [
      { status: 'fail', subject: 'cim', observed: 'running, policy on' },
      {
        status: 'fail',
        subject: 'slp',
        unverified: true,
        message: 'ESXiArgs entry point (CVE-2021-21974; marked unverified',
      },
      { status: 'fail', subject: 'mob' },
      { status: 'fail', subject: 'snmp', severity: 'medium' },
    ],
  },
  {
    name: 'stopped with an unread startup policy is unknown with the reason, not "stopped and off"; running fails whatever the policy',
    facts: esxiFacts({
      services: [
        svc('sfcbd-watchdog', true, { unknown: true, reason: 'HostService.policy not reported for sfcbd-watchdog' }),
        svc('slpd', false, { unknown: true, reason: 'HostService.policy not reported for slpd' }),
      ],
    }),
    expect: [
      { status: 'fail', subject: 'cim' },
      { status: 'unknown', subject: 'slp', message: 'HostService.policy not reported for slpd' },
      { status: 'pass' },
      { status: 'pass' },
    ],
  },
  {
    name: 'stopped but starting with the host is still a failure; stopped and off passes',
    facts: esxiFacts({ services: [svc('sfcbd-watchdog', false, 'automatic'), svc('slpd', false, 'off')] }),
    expect: [
      { status: 'fail', subject: 'cim' },
      { status: 'pass', subject: 'slp' },
      { status: 'pass' },
      { status: 'pass' },
    ],
  },
  {
    name: 'facts unknown',
    facts: esxiFacts({
      services: [svc('slpd', { unknown: true, reason: 'no runtime info' }, 'off')],
      exposure: { mob: { unknown: true, reason: 'option denied' }, snmp: { unknown: true, reason: 'denied' } },
    }),
    expect: [
      { status: 'pass', subject: 'cim' },
      { status: 'unknown', subject: 'slp' },
      { status: 'unknown', subject: 'mob' },
      { status: 'unknown', subject: 'snmp' },
    ],
  },
  {
    name: 'an unreported SNMP enabled flag is unknown while v1/v2c communities are configured',
    facts: esxiFacts({
      exposure: {
        snmp: {
          enabled: { unknown: true, reason: 'HostSnmpSystem.configuration.enabled not reported by the host' },
          readOnlyCommunities: 2,
          trapTargets: 0,
        },
      },
    }),
    expect: [
      { status: 'pass', subject: 'cim' },
      { status: 'pass', subject: 'slp' },
      { status: 'pass', subject: 'mob' },
      { status: 'unknown', subject: 'snmp', path: 'exposure.snmp.enabled', message: 'enabled not reported' },
    ],
  },
  {
    name: 'without communities an unreported SNMP enabled flag cannot expose v1/v2c',
    facts: esxiFacts({
      exposure: {
        snmp: {
          enabled: { unknown: true, reason: 'HostSnmpSystem.configuration.enabled not reported by the host' },
          readOnlyCommunities: 0,
          trapTargets: 0,
        },
      },
    }),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass', subject: 'snmp', observed: { enabled: null, communities: 0, trapTargets: 0 } },
    ],
  },
  // STIG ESXI-80-000212 V2R3: 'If SNMP is not in use and is enabled, this is a finding. If SNMP is enabled and is not
  // using v3 targets with authentication, this is a finding.' SCG deactivate-snmp: the service stopped, policy off.
  {
    name: 'stig: v1/v2c trap targets without communities are v1/v2c in use',
    profile: 'stig',
    facts: esxiFacts({ exposure: { snmp: { enabled: true, readOnlyCommunities: 0, trapTargets: 2 } } }),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'fail', subject: 'snmp', severity: 'medium', message: '2 v1/v2c trap target' },
    ],
  },
  {
    name: 'stig: enabled with no v1/v2c community or target is unused unless v3 is configured, which esxcli could not tell',
    profile: 'stig',
    facts: esxiFacts({
      exposure: { snmp: { enabled: true, readOnlyCommunities: 0, trapTargets: 0 } },
      esxi: { cli: cliNotRun() },
    }),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'unknown', subject: 'snmp', message: 'esxcli was not run' },
    ],
  },
  {
    name: 'stig: enabled with no v1/v2c and no v3 user is unused: a finding',
    profile: 'stig',
    facts: v3Snmp([]),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'fail', subject: 'snmp', message: 'enabled but unused' },
    ],
  },
  {
    name: 'stig: a v3 user at security level none is v3 without authentication',
    profile: 'stig',
    facts: v3Snmp([
      { user: 'monitor', security: 'priv' },
      { user: 'legacy', security: 'none' },
    ]),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'fail', subject: 'snmp', message: 'without authentication: legacy' },
    ],
  },
  {
    name: 'stig: v3 users on an agent whose authentication protocol is none do not authenticate',
    profile: 'stig',
    facts: v3Snmp([{ user: 'monitor', security: 'auth' }], 'none'),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'fail', subject: 'snmp', message: 'authentication protocol is none' },
    ],
  },
  {
    name: 'stig: v3 users that authenticate are SNMP in use as the STIG accepts it',
    profile: 'stig',
    facts: v3Snmp([{ user: 'monitor', security: 'auth' }]),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass', subject: 'snmp', message: 'monitor (auth)' },
    ],
  },
  {
    name: 'stig: v3 settings unreadable leave an otherwise unused agent unknown, with the reason',
    profile: 'stig',
    facts: esxiFacts({
      exposure: { snmp: { enabled: true, readOnlyCommunities: 0, trapTargets: 0 } },
      esxi: { cli: cliSettings({ snmpV3: { unknown: true, reason: 'esxcli system snmp get failed: denied' } }) },
    }),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'unknown', subject: 'snmp', message: 'denied' },
    ],
  },
  {
    name: 'scg: SNMP enabled at all is a finding',
    profile: 'scg',
    facts: esxiFacts({ exposure: { snmp: { enabled: true, readOnlyCommunities: 0, trapTargets: 0 } } }),
    expect: [
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'fail', subject: 'snmp', expected: { enabled: false } },
    ],
  },
  {
    name: 'stig: SNMP disabled passes even with stale communities configured',
    profile: 'stig',
    facts: esxiFacts({ exposure: { snmp: { enabled: false, readOnlyCommunities: 1, trapTargets: 1 } } }),
    expect: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass' }, { status: 'pass', subject: 'snmp' }],
  },
  {
    name: 'stig: the CIM server stopped but with policy on is a finding ("does not have a Policy of off or is running")',
    profile: 'stig',
    facts: esxiFacts({ services: [svc('sfcbd-watchdog', false, 'on')] }),
    expect: [
      { status: 'fail', subject: 'cim', severity: 'medium' },
      { status: 'pass' },
      { status: 'pass' },
      { status: 'pass' },
    ],
  },
  {
    name: 'service list unknown',
    facts: esxiFacts({ services: { unknown: true, reason: 'NoPermission' } }),
    expect: [
      { status: 'unknown', subject: 'cim' },
      { status: 'unknown', subject: 'slp' },
      { status: 'pass' },
      { status: 'pass' },
    ],
  },
]);
