import rule from '../../../rules/esxi-entropy-sources.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'entropySources',
  source: 'kernel',
  pass: ['0'],
  fail: ['1', '2'],
  absent: 'unknown',
  malformed: 'all',
});
