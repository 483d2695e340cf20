import rule from '../../../rules/esxi-dvfilter-bind-address.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Net.DVFilterBindIpAddress',
  pass: ['', null],
  fail: ['10.0.0.5'],
  absent: 'not_applicable',
  variants: [{ params: { allowedAddresses: ['10.0.0.5'] }, value: '10.0.0.5', status: 'pass' }],
});
