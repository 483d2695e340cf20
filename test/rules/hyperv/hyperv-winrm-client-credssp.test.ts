import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-winrm-client-credssp.js';

const winrm = (clientAuth: { credSSP: boolean | { unknown: true; reason: string } }) => ({
  listeners: [],
  allowUnencrypted: false,
  auth: { basic: false, kerberos: true, negotiate: true, certificate: false, credSSP: false },
  clientAuth,
});

testRule(rule, [
  {
    name: 'client CredSSP off',
    facts: hypervFacts({ exposure: { winrm: winrm({ credSSP: false }) } }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'client CredSSP on',
    facts: hypervFacts({ exposure: { winrm: winrm({ credSSP: true }) } }),
    expect: [{ status: 'fail', observed: true }],
  },
  {
    name: 'WSMan and registry silent',
    facts: hypervFacts({
      exposure: { winrm: winrm({ credSSP: { unknown: true, reason: 'no client auth_credssp value' } }) },
    }),
    expect: [{ status: 'unknown', message: 'auth_credssp' }],
  },
  {
    name: 'client settings not reported: unknown quoting why',
    facts: hypervFacts({
      exposure: {
        winrm: {
          clientAuth: {
            unknown: true,
            reason: 'the collector did not report the WinRM client settings (winrm/config/client/auth)',
          },
        },
      },
    }),
    expect: [{ status: 'unknown', message: 'did not report the WinRM client settings' }],
  },
]);
