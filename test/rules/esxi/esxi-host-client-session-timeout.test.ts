import rule from '../../../rules/esxi-host-client-session-timeout.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.HostClientSessionTimeout',
  pass: [900, 600],
  fail: [0, 901],
  absent: 'unknown',
  malformed: 'x',
});
