import rule from '../../../rules/esxi-audit-record-remote.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.auditRecord.remoteEnable',
  pass: [true],
  fail: [false, 0],
  absent: 'not_applicable',
  malformed: 'x',
});
