import rule from '../../../rules/esxi-tls-server-profile.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliSettings, esxiWith, olderEsxi } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const profile = (
  value: string | ReturnType<typeof unknown>,
  version = '8.0.3',
  rebootRequired: boolean | ReturnType<typeof unknown> = false,
) =>
  esxiWith((f) => {
    f.product.version = version;
    f.esxi.cli = cliSettings({ tlsProfile: value, tlsRebootRequired: rebootRequired });
  });
const path = 'esxi.cli.tlsProfile';

testRule(
  rule,
  [
    {
      name: 'NIST_2024 passes',
      facts: profile('NIST_2024'),
      expect: [{ status: 'pass', path, observed: 'NIST_2024' }],
    },
    {
      name: 'COMPATIBLE fails',
      facts: profile('COMPATIBLE'),
      expect: [{ status: 'fail', path, observed: 'COMPATIBLE' }],
    },
    {
      name: 'ESXi 8.0 U2 has no TLS profiles',
      facts: profile('COMPATIBLE', '8.0.2'),
      expect: [{ status: 'not_applicable', path: 'product.version' }],
    },
    { name: 'ESXi 9.0 is checked', facts: profile('COMPATIBLE', '9.0.0'), expect: [{ status: 'fail', path }] },
    // STIG ESXI-80-000247: 'If the TLS profile is not set to "NIST_2024" or is not the current boot profile, this is a finding.'
    {
      name: 'stig: NIST_2024 and the current boot profile passes',
      profile: 'stig',
      facts: profile('NIST_2024'),
      expect: [{ status: 'pass', path }],
    },
    {
      name: 'stig: NIST_2024 set but awaiting a reboot fails',
      profile: 'stig',
      facts: profile('NIST_2024', '8.0.3', true),
      expect: [{ status: 'fail', path: 'esxi.cli.tlsRebootRequired', message: 'reboot' }],
    },
    {
      name: 'stig: boot profile not reported is unknown',
      profile: 'stig',
      facts: profile('NIST_2024', '8.0.3', unknown('no RebootRequired field')),
      expect: [{ status: 'unknown', path: 'esxi.cli.tlsRebootRequired' }],
    },
    {
      name: 'stig: boot profile not collected (older facts) is unknown',
      profile: 'stig',
      facts: olderEsxi((f) => delete f.esxi.cli.tlsRebootRequired),
      expect: [{ status: 'unknown', path: 'esxi.cli.tlsRebootRequired', message: 'an older hvscan wrote it' }],
    },
    {
      name: 'scg audits the configured profile only',
      facts: profile('NIST_2024', '8.0.3', true),
      expect: [{ status: 'pass', path }],
    },
    {
      name: 'unknown profile',
      facts: profile(unknown('tls server get failed')),
      expect: [{ status: 'unknown', path }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
