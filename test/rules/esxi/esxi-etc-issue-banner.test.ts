import rule from '../../../rules/esxi-etc-issue-banner.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Config.Etc.issue',
  pass: ['Authorized use only'],
  fail: [''],
  absent: 'fail',
  variants: [{ params: { text: 'Site banner' }, value: 'Other text', status: 'fail' }],
});
