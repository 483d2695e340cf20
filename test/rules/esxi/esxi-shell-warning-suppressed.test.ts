import rule from '../../../rules/esxi-shell-warning-suppressed.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.SuppressShellWarning',
  pass: [0, '0'],
  fail: [1],
  absent: 'unknown',
  malformed: 'off',
});
