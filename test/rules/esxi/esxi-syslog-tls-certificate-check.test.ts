import rule from '../../../rules/esxi-syslog-tls-certificate-check.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.certificate.checkSSLCerts',
  pass: [true, 'true'],
  fail: [false, 'FALSE'],
  absent: 'not_applicable',
  malformed: 'maybe',
});
