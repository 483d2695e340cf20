import rule from '../../../rules/esxi-ssh-hostbased-auth.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'hostbasedauthentication',
  source: 'sshServer',
  pass: ['no'],
  fail: ['yes'],
  absent: 'unknown',
});
