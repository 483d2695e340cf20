import rule from '../../../rules/esxi-account-unlock-time.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Security.AccountUnlockTime',
  pass: [900],
  fail: [0, 300, 1800],
  absent: 'unknown',
  malformed: '15m',
  variants: [
    { profile: 'stig', value: 300, status: 'pass' },
    { profile: 'stig', value: 0, status: 'fail' },
    { profile: 'lab', value: 1800, status: 'pass' },
  ],
});
