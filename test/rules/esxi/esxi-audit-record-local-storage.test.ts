import rule from '../../../rules/esxi-audit-record-local-storage.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.auditRecord.storageEnable',
  pass: [true],
  fail: [false],
  absent: 'not_applicable',
  malformed: 'x',
});
