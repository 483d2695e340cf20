import rule from '../../../rules/esxi-syslog-log-level.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.logLevel',
  pass: ['error'],
  fail: ['info', 'debug'],
  absent: 'not_applicable',
  variants: [
    { profile: 'stig', value: 'info', status: 'pass' },
    { profile: 'stig', value: 'error', status: 'fail' },
    { profile: 'lab', value: 'info', status: 'pass' },
  ],
});
