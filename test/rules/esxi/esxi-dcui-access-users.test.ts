import rule from '../../../rules/esxi-dcui-access-users.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'DCUI.Access',
  pass: ['root', 'root, '],
  fail: ['root,admin', 'admin'],
  absent: 'unknown',
  variants: [{ params: { allowedUsers: ['root', 'breakglass'] }, value: 'root,breakglass', status: 'pass' }],
});
