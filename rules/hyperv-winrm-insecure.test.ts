import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-winrm-insecure.js';

const http = { transport: 'HTTP', address: '*', port: 5985, enabled: true };

testRule(rule, [
  {
    name: 'defaults with an HTTPS listener',
    facts: hypervFacts(),
    expect: [{ status: 'pass', subject: 'basic' }, { status: 'pass', subject: 'allowUnencrypted' }, { status: 'pass', subject: 'http-listener' }],
  },
  {
    name: 'Basic, unencrypted and HTTP on *',
    facts: hypervFacts({ exposure: { winrm: { allowUnencrypted: true, auth: { basic: true }, listeners: [http] } } }),
    expect: [
      { status: 'fail', subject: 'basic', path: 'exposure.winrm.auth.basic' },
      { status: 'fail', subject: 'allowUnencrypted' },
      { status: 'fail', subject: 'http-listener', severity: 'high', observed: ['HTTP *:5985'] },
    ],
  },
  {
    name: 'policy forbids what the service allows; HTTP alone is medium',
    facts: hypervFacts({
      exposure: { winrm: { allowUnencrypted: true, auth: { basic: true }, listeners: [http], policy: { allowBasic: false, allowUnencrypted: false } } },
    }),
    expect: [
      { status: 'pass', subject: 'basic', path: 'exposure.winrm.policy.allowBasic' },
      { status: 'pass', subject: 'allowUnencrypted', path: 'exposure.winrm.policy.allowUnencrypted' },
      { status: 'fail', subject: 'http-listener', severity: 'medium' },
    ],
  },
  {
    name: 'HTTP bound to one address',
    facts: hypervFacts({ exposure: { winrm: { listeners: [{ ...http, address: 'IP:10.0.10.21' }] } } }),
    expect: [{ status: 'pass' }, { status: 'pass' }, { status: 'pass', subject: 'http-listener' }],
  },
  {
    name: 'an unreported Basic flag is unknown, and does not raise an HTTP listener to high',
    facts: hypervFacts({ exposure: { winrm: { auth: { basic: { unknown: true as const, reason: 'WSMan:\\localhost\\Service\\Auth\\Basic not reported' } }, listeners: [http] } } }),
    expect: [
      { status: 'unknown', subject: 'basic', path: 'exposure.winrm.auth.basic', message: 'Basic not reported' },
      { status: 'pass', subject: 'allowUnencrypted' },
      { status: 'fail', subject: 'http-listener', severity: 'medium' },
    ],
  },
  {
    name: 'a Basic policy value decides even when the service flag was not reported',
    facts: hypervFacts({ exposure: { winrm: { auth: { basic: { unknown: true as const, reason: 'WSMan:\\localhost\\Service\\Auth\\Basic not reported' } }, policy: { allowBasic: false } } } }),
    expect: [{ status: 'pass', subject: 'basic', path: 'exposure.winrm.policy.allowBasic' }, { status: 'pass' }, { status: 'pass' }],
  },
  {
    name: 'a policy value the collector could not read is unknown, even when the service setting is off',
    facts: hypervFacts({ exposure: { winrm: { policy: { allowUnencrypted: { unknown: true as const, reason: 'registry value not readable: access denied' } } } } }),
    expect: [
      { status: 'pass', subject: 'basic' },
      { status: 'unknown', subject: 'allowUnencrypted', path: 'exposure.winrm.policy.allowUnencrypted', message: 'access denied' },
      { status: 'pass', subject: 'http-listener' },
    ],
  },
  { name: 'unreadable', facts: hypervFacts({ exposure: { winrm: { unknown: true, reason: 'WSMan: drive needs admin' } } }), expect: [{ status: 'unknown' }] },
]);
