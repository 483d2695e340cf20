import rule from '../../../rules/esxi-syslog-remote-host.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, {
  key: 'Syslog.global.logHost',
  pass: ['ssl://log.example:1514'],
  fail: ['', null],
  absent: 'fail',
  variants: [
    { params: { logHosts: ['log1.example', 'log2.example'] }, value: 'ssl://log1.example:1514', status: 'fail' },
    {
      params: { logHosts: ['log1.example', 'log2.example'] },
      value: 'ssl://log1.example:1514,ssl://log2.example:1514',
      status: 'pass',
    },
  ],
});
