import rule from '../../../rules/esxi-hyperthread-warning-suppressed.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.SuppressHyperthreadWarning',
  pass: [0],
  fail: [1],
  absent: 'unknown',
  malformed: 'off',
});
