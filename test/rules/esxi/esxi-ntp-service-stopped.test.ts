import rule from '../../../rules/esxi-ntp-service-stopped.js';
import { testServiceRule } from '../esxi-helpers.js';

testServiceRule(rule, {
  key: 'ntpd',
  pass: [{ running: true, policy: 'on' }],
  fail: [
    { running: false, policy: 'on' },
    { running: true, policy: 'off' },
  ],
  absent: 'fail',
});
