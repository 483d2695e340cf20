import rule from '../../../rules/esxi-ssh-user-environment.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'permituserenvironment',
  source: 'sshServer',
  pass: ['no'],
  fail: ['yes'],
  absent: 'unknown',
});
