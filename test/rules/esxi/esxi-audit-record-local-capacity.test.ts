import rule from '../../../rules/esxi-audit-record-local-capacity.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.auditRecord.storageCapacity',
  pass: [100, 512],
  fail: [4],
  absent: 'not_applicable',
  malformed: '100MB',
});
