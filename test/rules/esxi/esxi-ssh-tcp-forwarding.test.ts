import rule from '../../../rules/esxi-ssh-tcp-forwarding.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'allowtcpforwarding',
  source: 'sshServer',
  pass: ['no'],
  fail: ['yes', 'local'],
  absent: 'unknown',
});
