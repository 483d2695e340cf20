import { RULE_PROFILES } from '../../../src/rules/kit/define.js';
import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-winrm-insecure.js';

const http = { transport: 'HTTP', address: '*', port: 5985, enabled: true, source: 'local' as const };
const stigPolicy = { allowBasic: false, allowUnencrypted: false };
const policyUnknown = { unknown: true as const, reason: 'registry value not readable: access denied' };

// WN22-CC-000500 (CAT I) and WN22-CC-000510 (CAT II): 'If the following registry value does not exist or is not
// configured as specified, this is a finding: ...\WinRM\Service\ AllowBasic / AllowUnencryptedTraffic REG_DWORD 0.'
testRule(rule, [
  {
    name: "Windows Server's default (HTTP listener on *, Basic and unencrypted off, no policy) passes outside the STIG",
    facts: hypervFacts({ exposure: { winrm: { listeners: [http] } } }),
    expect: [
      { status: 'pass', subject: 'basic', path: 'exposure.winrm.auth.basic' },
      { status: 'pass', subject: 'allowUnencrypted' },
    ],
  },
  {
    name: 'stig: the policy values absent are findings, whatever the service settings',
    profile: 'stig',
    facts: hypervFacts({ exposure: { winrm: { listeners: [http] } } }),
    expect: [
      {
        status: 'fail',
        subject: 'basic',
        path: 'exposure.winrm.policy.allowBasic',
        severity: 'high',
        observed: null,
        expected: false,
      },
      {
        status: 'fail',
        subject: 'allowUnencrypted',
        path: 'exposure.winrm.policy.allowUnencrypted',
        severity: 'medium',
        observed: null,
      },
    ],
  },
  {
    name: 'stig: both policy values set to 0 pass, the HTTP listener on * included',
    profile: 'stig',
    facts: hypervFacts({ exposure: { winrm: { listeners: [http], policy: stigPolicy } } }),
    expect: [
      { status: 'pass', subject: 'basic', path: 'exposure.winrm.policy.allowBasic' },
      { status: 'pass', subject: 'allowUnencrypted' },
    ],
  },
  {
    name: 'stig: policy values set to 1 are findings',
    profile: 'stig',
    facts: hypervFacts({ exposure: { winrm: { policy: { allowBasic: true, allowUnencrypted: true } } } }),
    expect: [
      { status: 'fail', subject: 'basic', observed: true, severity: 'high' },
      { status: 'fail', subject: 'allowUnencrypted', observed: true, severity: 'medium' },
    ],
  },
  {
    name: 'Basic and unencrypted allowed by the service',
    facts: hypervFacts({ exposure: { winrm: { allowUnencrypted: true, auth: { basic: true }, listeners: [http] } } }),
    expect: [
      { status: 'fail', subject: 'basic', path: 'exposure.winrm.auth.basic', severity: 'high' },
      { status: 'fail', subject: 'allowUnencrypted', severity: 'medium' },
    ],
  },
  {
    name: 'the policy wins over the service setting',
    facts: hypervFacts({ exposure: { winrm: { allowUnencrypted: true, auth: { basic: true }, policy: stigPolicy } } }),
    expect: [
      { status: 'pass', subject: 'basic', path: 'exposure.winrm.policy.allowBasic' },
      { status: 'pass', subject: 'allowUnencrypted', path: 'exposure.winrm.policy.allowUnencrypted' },
    ],
  },
  {
    name: 'an unreported Basic flag is unknown',
    facts: hypervFacts({
      exposure: {
        winrm: {
          auth: { basic: { unknown: true as const, reason: 'WSMan:\\localhost\\Service\\Auth\\Basic not reported' } },
        },
      },
    }),
    expect: [
      { status: 'unknown', subject: 'basic', path: 'exposure.winrm.auth.basic', message: 'Basic not reported' },
      { status: 'pass', subject: 'allowUnencrypted' },
    ],
  },
  {
    name: 'a policy value the collector could not read is unknown, under every profile',
    profiles: RULE_PROFILES,
    facts: hypervFacts({ exposure: { winrm: { policy: { allowBasic: false, allowUnencrypted: policyUnknown } } } }),
    expect: [
      { status: 'pass', subject: 'basic' },
      {
        status: 'unknown',
        subject: 'allowUnencrypted',
        path: 'exposure.winrm.policy.allowUnencrypted',
        message: 'access denied',
      },
    ],
  },
  {
    name: 'policy key unreadable: unknown quoting why under every profile, never "not set"',
    profiles: RULE_PROFILES,
    facts: hypervFacts({ exposure: { winrm: { policy: policyUnknown } } }),
    expect: [
      { status: 'unknown', subject: 'basic', path: 'exposure.winrm.policy.allowBasic', message: 'access denied' },
      { status: 'unknown', subject: 'allowUnencrypted', message: 'access denied' },
    ],
  },
  {
    name: 'unreadable',
    facts: hypervFacts({ exposure: { winrm: { unknown: true, reason: 'WSMan: drive needs admin' } } }),
    expect: [{ status: 'unknown' }],
  },
]);
