import rule from '../../../rules/esxi-entropy-hwrng-disabled.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'disableHwrng',
  source: 'kernel',
  pass: ['FALSE'],
  fail: ['TRUE'],
  absent: 'unknown',
  malformed: 'sometimes',
});
