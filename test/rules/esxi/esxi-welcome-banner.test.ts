import rule from '../../../rules/esxi-welcome-banner.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Annotations.WelcomeMessage',
  pass: ['Authorized use only'],
  fail: ['', '   ', null],
  absent: 'fail',
  variants: [
    { params: { text: 'Site banner' }, value: 'Other text', status: 'fail' },
    { params: { text: 'Site banner' }, value: 'Site banner', status: 'pass' },
  ],
});
