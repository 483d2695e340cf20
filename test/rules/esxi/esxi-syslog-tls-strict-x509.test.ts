import rule from '../../../rules/esxi-syslog-tls-strict-x509.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.certificate.strictX509Compliance',
  pass: [true, 1],
  fail: [false],
  absent: 'not_applicable',
  malformed: 'maybe',
});
