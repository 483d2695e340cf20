import rule from '../../../rules/esxi-exec-installed-only.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'VMkernel.Boot.execInstalledOnly',
  pass: [true, 'TRUE'],
  fail: [false, 'FALSE'],
  absent: 'unknown',
  malformed: 'enforced',
});
