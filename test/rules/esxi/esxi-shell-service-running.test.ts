import rule from '../../../rules/esxi-shell-service-running.js';
import { testServiceRule } from '../esxi-helpers.js';

testServiceRule(rule, {
  key: 'TSM',
  pass: [{ running: false, policy: 'off' }],
  fail: [
    { running: true, policy: 'off' },
    { running: false, policy: 'on' },
  ],
  absent: 'not_applicable',
});
