import rule from '../../../rules/esxi-tls-server-profile.js';
import { unknown } from '../../../src/model/index.js';
import { cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const profile = (value: string | ReturnType<typeof unknown>, version = '8.0.3') =>
  esxiWith((f) => {
    f.product.version = version;
    f.esxi.cli = cliSettings({ tlsProfile: value });
  });
const path = 'esxi.cli.tlsProfile';

testRule(
  rule,
  [
    { name: 'NIST_2024 passes', facts: profile('NIST_2024'), expect: [{ status: 'pass', path, observed: 'NIST_2024' }] },
    { name: 'COMPATIBLE fails', facts: profile('COMPATIBLE'), expect: [{ status: 'fail', path, observed: 'COMPATIBLE' }] },
    { name: 'ESXi 8.0 U2 has no TLS profiles', facts: profile('COMPATIBLE', '8.0.2'), expect: [{ status: 'not_applicable', path: 'product.version' }] },
    { name: 'ESXi 9.0 is checked', facts: profile('COMPATIBLE', '9.0.0'), expect: [{ status: 'fail', path }] },
    { name: 'unknown profile', facts: profile(unknown('tls server get failed')), expect: [{ status: 'unknown', path }] },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
