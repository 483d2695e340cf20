import rule from '../../../rules/esxi-release-end-of-support.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const version = (v: string) => esxiFacts({ product: { version: v } });
const path = 'product.version';

testRule(rule, [
  {
    name: '6.7 is past technical guidance: critical',
    facts: version('6.7.0'),
    expect: [{ status: 'fail', path, severity: 'critical', observed: { version: '6.7.0', line: '6.7' } }],
  },
  { name: '6.5 likewise', facts: version('6.5.0'), expect: [{ status: 'fail', path, severity: 'critical' }] },
  {
    name: '7.0 is past general support, extended by Broadcom to 2025-10-02',
    facts: version('7.0.3'),
    expect: [
      { status: 'fail', path, severity: 'high', unverified: undefined, message: 'end of general support (2025-10-02)' },
    ],
  },
  {
    name: '8.0 U3 is supported in early 2026',
    facts: version('8.0.3'),
    expect: [{ status: 'pass', path, severity: 'high' }],
  },
  {
    name: '8.0 within the warning window is a low finding',
    facts: version('8.0.3'),
    now: new Date('2027-06-01T00:00:00Z'),
    expect: [{ status: 'fail', path, severity: 'low', message: 'in 132 days' }],
  },
  {
    name: 'a shorter warning window passes',
    facts: version('8.0.3'),
    now: new Date('2027-06-01T00:00:00Z'),
    params: { warnDays: 30 },
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'a release missing from the table is unknown',
    facts: version('9.0.2'),
    expect: [{ status: 'unknown', path }],
  },
  {
    name: 'unknown version',
    facts: esxiFacts({ product: { version: unknown('not returned') } }),
    expect: [{ status: 'unknown', path }],
  },
]);
