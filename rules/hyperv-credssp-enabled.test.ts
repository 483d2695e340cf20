import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-credssp-enabled.js';

testRule(rule, [
  { name: 'off', facts: hypervFacts(), expect: [{ status: 'pass', subject: 'winrm-service' }, { status: 'pass', subject: 'client-delegation' }] },
  {
    name: 'server and client CredSSP',
    facts: hypervFacts({ exposure: { winrm: { auth: { credSSP: true } } }, hyperv: { settings: { 'CredSSP.AllowFreshCredentials': 1 } } }),
    expect: [{ status: 'fail', subject: 'winrm-service' }, { status: 'fail', subject: 'client-delegation', observed: 1 }],
  },
  {
    name: 'facts unknown',
    facts: hypervFacts({ exposure: { winrm: { unknown: true, reason: 'not admin' } }, hyperv: { settings: { unknown: true, reason: 'not admin' } } }),
    expect: [{ status: 'unknown', subject: 'winrm-service' }, { status: 'unknown', subject: 'client-delegation' }],
  },
]);
