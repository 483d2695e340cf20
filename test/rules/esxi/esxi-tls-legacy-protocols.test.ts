import rule from '../../../rules/esxi-tls-legacy-protocols.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'UserVars.ESXiVPsDisabledProtocols',
  pass: ['sslv3,tlsv1,tlsv1.1', 'tlsv1.1, tlsv1, sslv3, tlsv1.2'],
  fail: ['sslv3', ''],
  absent: 'not_applicable',
});
