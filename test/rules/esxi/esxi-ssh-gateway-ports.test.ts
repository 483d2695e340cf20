import rule from '../../../rules/esxi-ssh-gateway-ports.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'gatewayports',
  source: 'sshServer',
  pass: ['no'],
  fail: ['yes', 'clientspecified'],
  absent: 'unknown',
});
