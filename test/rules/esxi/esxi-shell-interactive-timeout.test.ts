import rule from '../../../rules/esxi-shell-interactive-timeout.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.ESXiShellInteractiveTimeOut',
  pass: [900],
  fail: [0, 3600],
  absent: 'unknown',
  malformed: 'x',
});
