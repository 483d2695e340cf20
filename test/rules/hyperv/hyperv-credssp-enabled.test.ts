import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-credssp-enabled.js';

/** The fixture host with an empty settings record (deep merge cannot remove keys). */
function withoutSettings() {
  const facts = hypervFacts();
  facts.hyperv.settings = {};
  return facts;
}

testRule(rule, [
  {
    name: 'off',
    facts: hypervFacts(),
    expect: [
      { status: 'pass', subject: 'winrm-service' },
      { status: 'pass', subject: 'client-delegation' },
    ],
  },
  {
    name: 'server and client CredSSP',
    facts: hypervFacts({
      exposure: { winrm: { auth: { credSSP: true } } },
      hyperv: { settings: { 'CredSSP.AllowFreshCredentials': 1 } },
    }),
    expect: [
      { status: 'fail', subject: 'winrm-service' },
      { status: 'fail', subject: 'client-delegation', observed: 1 },
    ],
  },
  {
    name: 'an unreported CredSSP service flag is unknown, not "does not accept"',
    facts: hypervFacts({
      exposure: {
        winrm: {
          auth: { credSSP: { unknown: true, reason: 'WSMan:\\localhost\\Service\\Auth\\CredSSP not reported' } },
        },
      },
    }),
    expect: [
      { status: 'unknown', subject: 'winrm-service', message: 'CredSSP not reported' },
      { status: 'pass', subject: 'client-delegation' },
    ],
  },
  {
    name: 'a delegation policy value the collector could not read is unknown, not "not configured"',
    facts: hypervFacts({
      hyperv: {
        settings: {
          'CredSSP.AllowFreshCredentials': { unknown: true, reason: 'registry value not readable: access denied' },
        },
      },
    }),
    expect: [
      { status: 'pass', subject: 'winrm-service' },
      { status: 'unknown', subject: 'client-delegation', message: 'access denied' },
    ],
  },
  {
    name: 'facts unknown',
    facts: hypervFacts({
      exposure: { winrm: { unknown: true, reason: 'not admin' } },
      hyperv: { settings: { unknown: true, reason: 'not admin' } },
    }),
    expect: [
      { status: 'unknown', subject: 'winrm-service' },
      { status: 'unknown', subject: 'client-delegation' },
    ],
  },
  {
    name: 'a collector that did not report the policy key: unknown, not "not configured"',
    facts: withoutSettings(),
    expect: [
      { status: 'pass', subject: 'winrm-service' },
      { status: 'unknown', subject: 'client-delegation', message: 'not reported' },
    ],
  },
  {
    name: 'policy value absent (null) passes',
    facts: hypervFacts({ hyperv: { settings: { 'CredSSP.AllowFreshCredentials': null } } }),
    expect: [
      { status: 'pass', subject: 'winrm-service' },
      { status: 'pass', subject: 'client-delegation', observed: null },
    ],
  },
]);
