import rule from '../../../rules/esxi-hostagent-log-level.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Config.HostAgent.log.level',
  pass: ['info', 'INFO'],
  fail: ['verbose', 'error'],
  absent: 'unknown',
});
