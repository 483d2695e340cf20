import rule from '../../../rules/esxi-lockdown-exception-users.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const exceptions = (users: string[]) => esxiFacts({ exposure: { lockdown: { exceptions: users } } });
const path = 'exposure.lockdown.exceptions';

testRule(rule, [
  { name: 'no exception users passes', facts: exceptions([]), expect: [{ status: 'pass', path }] },
  {
    name: 'any exception user fails by default',
    facts: exceptions(['svc-backup']),
    expect: [{ status: 'fail', path, observed: ['svc-backup'] }],
  },
  {
    name: 'approved exception users pass',
    facts: exceptions(['svc-backup']),
    params: { allowedUsers: ['svc-backup', 'svc-monitor'] },
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'an unapproved user among approved ones fails',
    facts: exceptions(['svc-backup', 'jdoe']),
    params: { allowedUsers: ['svc-backup'] },
    expect: [{ status: 'fail', path, message: 'jdoe' }],
  },
  {
    name: 'unknown exceptions',
    facts: esxiFacts({ exposure: { lockdown: { exceptions: unknown('QueryLockdownExceptions failed') } } }),
    expect: [{ status: 'unknown', path }],
  },
]);
