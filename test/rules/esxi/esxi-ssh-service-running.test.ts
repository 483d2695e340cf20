import rule from '../../../rules/esxi-ssh-service-running.js';
import { testServiceRule } from '../esxi-helpers.js';

testServiceRule(rule, {
  key: 'TSM-SSH',
  pass: [{ running: false, policy: 'off' }],
  fail: [
    { running: true, policy: 'off' },
    { running: false, policy: 'on' },
    { running: true, policy: 'automatic' },
  ],
  absent: 'not_applicable',
});
