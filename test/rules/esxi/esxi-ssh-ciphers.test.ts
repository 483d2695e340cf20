import rule from '../../../rules/esxi-ssh-ciphers.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'ciphers',
  source: 'sshServer',
  pass: ['aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr', 'aes256-ctr'],
  fail: ['aes256-ctr,aes128-cbc', '3des-cbc'],
  absent: 'unknown',
});
