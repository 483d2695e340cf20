import rule from '../../../rules/esxi-ssh-tunnels.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'permittunnel',
  source: 'sshServer',
  pass: ['no'],
  fail: ['yes', 'point-to-point'],
  absent: 'unknown',
});
