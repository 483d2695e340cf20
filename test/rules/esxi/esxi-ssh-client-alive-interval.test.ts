import rule from '../../../rules/esxi-ssh-client-alive-interval.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'clientaliveinterval',
  source: 'sshServer',
  pass: ['200'],
  fail: ['0', '600'],
  absent: 'unknown',
  malformed: '200s',
});
