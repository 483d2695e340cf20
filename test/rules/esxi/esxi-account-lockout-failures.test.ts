import rule from '../../../rules/esxi-account-lockout-failures.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Security.AccountLockFailures',
  pass: [5, 3, '5'],
  fail: [0, 6],
  absent: 'unknown',
  malformed: 'five',
  variants: [
    { profile: 'stig', value: 5, status: 'fail' },
    { profile: 'stig', value: 3, status: 'pass' },
    { profile: 'lab', value: 10, status: 'pass' },
    { params: { maxFailures: 4 }, value: 5, status: 'fail' },
  ],
});
