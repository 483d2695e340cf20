import rule from '../../../rules/esxi-soap-session-timeout.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Config.HostAgent.vmacore.soap.sessionTimeout',
  pass: [10, 5],
  fail: [0, 30],
  absent: 'unknown',
  malformed: 'x',
  variants: [
    { profile: 'stig', value: 30, status: 'pass' },
    { profile: 'stig', value: 31, status: 'fail' },
    { profile: 'lab', value: 30, status: 'pass' },
  ],
});
