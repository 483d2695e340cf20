import rule from '../../../rules/esxi-ssh-ignore-rhosts.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'ignorerhosts',
  source: 'sshServer',
  pass: ['yes', 'YES'],
  fail: ['no'],
  absent: 'unknown',
});
