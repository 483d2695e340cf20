import rule from '../../../rules/esxi-certificate-expiry.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

// The tester's clock is 2026-02-01T12:00Z.
const notAfter = (date: string) => esxiFacts({ esxi: { certificate: { notAfter: date } } });
const path = 'esxi.certificate.notAfter';

testRule(rule, [
  { name: 'valid for a year passes', facts: notAfter('2027-02-01T00:00:00Z'), expect: [{ status: 'pass', path }] },
  {
    name: 'expiring in 10 days fails',
    facts: notAfter('2026-02-12T00:00:00Z'),
    expect: [{ status: 'fail', path, severity: 'medium', message: 'expires in 10 day' }],
  },
  {
    name: 'expired fails as high',
    facts: notAfter('2026-01-01T00:00:00Z'),
    expect: [{ status: 'fail', path, severity: 'high', message: 'expired 31 day' }],
  },
  {
    name: 'a shorter warning window passes',
    facts: notAfter('2026-02-12T00:00:00Z'),
    params: { warnDays: 7 },
    expect: [{ status: 'pass', path }],
  },
  { name: 'unparsable date is unknown', facts: notAfter('soon'), expect: [{ status: 'unknown', path }] },
  {
    name: 'unknown certificate',
    facts: esxiFacts({ esxi: { certificate: unknown('TLS handshake not recorded') } }),
    expect: [{ status: 'unknown', path: 'esxi.certificate' }],
  },
]);
