import rule from '../../../rules/esxi-shell-availability-timeout.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.ESXiShellTimeOut',
  pass: [600],
  fail: [0, 900],
  absent: 'unknown',
  malformed: 'x',
});
