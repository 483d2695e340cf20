import rule from '../../../rules/esxi-account-unlock-time.js';
import { testSettingRule } from '../esxi-helpers.js';

// STIG ESXI-80-000111 V2R3: 'If the "Security.AccountUnlockTime" setting is less than 900 or 0, this is a finding.'
// SCG 8.0.3 account-auto-unlock-time: baseline 900, and audit-esxi-8.ps1 compares with 'ge' (greater or equal passes).
testSettingRule(rule, {
  key: 'Security.AccountUnlockTime',
  pass: [900, 901, 3600],
  fail: [0, 1, 899],
  absent: 'unknown',
  malformed: '15m',
  variants: [
    { profile: 'stig', value: 0, status: 'fail' },
    { profile: 'stig', value: 899, status: 'fail' },
    { profile: 'stig', value: 900, status: 'pass' },
    { profile: 'stig', value: 901, status: 'pass' },
    { profile: 'scg', value: 899, status: 'fail' },
    { profile: 'scg', value: 901, status: 'pass' },
    { profile: 'lab', value: 299, status: 'fail' },
    { profile: 'lab', value: 300, status: 'pass' },
    { params: { minSeconds: 1800 }, value: 1799, status: 'fail' },
  ],
});
