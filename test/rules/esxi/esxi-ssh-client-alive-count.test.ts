import rule from '../../../rules/esxi-ssh-client-alive-count.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'clientalivecountmax',
  source: 'sshServer',
  pass: ['3'],
  fail: ['0', '10'],
  absent: 'unknown',
  malformed: 'three',
});
