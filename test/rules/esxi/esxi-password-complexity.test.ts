import rule from '../../../rules/esxi-password-complexity.js';
import { testSettingRule } from '../esxi-helpers.js';

const SCG = 'similar=deny retry=3 min=disabled,disabled,disabled,disabled,15 max=64';
const STIG = 'similar=deny retry=3 min=disabled,disabled,disabled,disabled,15';

testSettingRule(rule, {
  key: 'Security.PasswordQualityControl',
  pass: [SCG],
  fail: [
    'retry=3 min=disabled,disabled,disabled,7,7', // installation default
    STIG, // no max=64: SCG only
    'similar=permit retry=3 min=disabled,disabled,disabled,disabled,15 max=64',
    'similar=deny retry=3 min=disabled,disabled,disabled,12,15 max=64',
    'similar=deny retry=3 min=disabled,disabled,disabled,disabled,disabled max=64',
  ],
  absent: 'unknown',
  variants: [
    { profile: 'stig', value: STIG, status: 'pass' },
    { profile: 'stig', value: 'similar=deny retry=3 min=disabled,disabled,disabled,disabled,14', status: 'fail' },
    { profile: 'lab', value: 'similar=deny min=disabled,disabled,disabled,8,8', status: 'pass' },
  ],
});
