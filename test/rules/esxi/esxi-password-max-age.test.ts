import rule from '../../../rules/esxi-password-max-age.js';
import { testSettingRule } from '../esxi-helpers.js';

// SCG 8.0.3 account-password-max-days: 9999, audit-esxi-8.ps1 compares with 'eq'. STIG ESXI-80-000227: 'If the
// "Security.PasswordMaxDays" setting is not set to "90", this is a finding.'
testSettingRule(rule, {
  key: 'Security.PasswordMaxDays',
  pass: [9999],
  fail: [0, 90, 9998, 10000],
  absent: 'unknown',
  malformed: 'never',
  variants: [
    { profile: 'stig', value: 9999, status: 'fail' },
    { profile: 'stig', value: 89, status: 'fail' },
    { profile: 'stig', value: 90, status: 'pass' },
    { profile: 'stig', value: 91, status: 'fail' },
    { profile: 'lab', value: 90, status: 'pass' },
  ],
});
