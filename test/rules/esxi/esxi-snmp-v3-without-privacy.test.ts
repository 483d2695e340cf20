import rule from '../../../rules/esxi-snmp-v3-without-privacy.js';
import { unknown, type UnknownFact } from '../../../src/core/model/index.js';
import { cliNotRun, cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

type Snmp = {
  enabled: boolean | UnknownFact;
  authentication: string;
  privacy: string;
  users: Array<{ user: string; security: 'none' | 'auth' | 'priv' }>;
};
const snmp = (value: Snmp | ReturnType<typeof unknown>) =>
  esxiWith((f) => void (f.esxi.cli = cliSettings({ snmpV3: value })));
const path = 'esxi.cli.snmpV3';

testRule(rule, [
  {
    name: 'every user at priv with AES passes',
    facts: snmp({
      enabled: true,
      authentication: 'SHA1',
      privacy: 'AES128',
      users: [{ user: 'monitor', security: 'priv' }],
    }),
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'auth-only and none users fail, named',
    facts: snmp({
      enabled: true,
      authentication: 'SHA1',
      privacy: 'AES128',
      users: [
        { user: 'monitor', security: 'auth' },
        { user: 'nagios', security: 'none' },
        { user: 'ok', security: 'priv' },
      ],
    }),
    expect: [{ status: 'fail', path, message: 'monitor (auth), nagios (none).' }],
  },
  {
    name: 'priv users fail when the agent has no privacy protocol',
    facts: snmp({
      enabled: true,
      authentication: 'SHA1',
      privacy: 'none',
      users: [{ user: 'monitor', security: 'priv' }],
    }),
    expect: [{ status: 'fail', path, message: 'monitor (priv, agent privacy none)' }],
  },
  {
    name: 'no v3 users passes',
    facts: snmp({ enabled: true, authentication: 'none', privacy: 'none', users: [] }),
    expect: [{ status: 'pass', path, message: 'No SNMP v3 users' }],
  },
  {
    name: 'a disabled agent passes',
    facts: snmp({ enabled: false, authentication: 'none', privacy: 'none', users: [{ user: 'x', security: 'none' }] }),
    expect: [{ status: 'pass', path, message: 'disabled' }],
  },
  { name: 'unknown', facts: snmp(unknown('esxcli system snmp get failed')), expect: [{ status: 'unknown', path }] },
  {
    name: 'esxcli not run',
    facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
    expect: [{ status: 'unknown', path, message: 'esxcli was not run' }],
  },
]);
