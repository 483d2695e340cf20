import rule from '../../../rules/esxi-dcui-timeout.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.DcuiTimeOut',
  pass: [600, '300'],
  fail: [0, 601],
  absent: 'unknown',
  malformed: 'x',
});
