import rule from '../../../rules/esxi-password-max-age.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Security.PasswordMaxDays',
  pass: [9999, 90],
  fail: [0, 10000],
  absent: 'unknown',
  malformed: 'never',
  variants: [
    { profile: 'stig', value: 9999, status: 'fail' },
    { profile: 'stig', value: 90, status: 'pass' },
  ],
});
