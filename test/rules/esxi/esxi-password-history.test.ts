import rule from '../../../rules/esxi-password-history.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Security.PasswordHistory',
  pass: [5, 24],
  fail: [0, 4],
  absent: 'unknown',
  malformed: true,
});
