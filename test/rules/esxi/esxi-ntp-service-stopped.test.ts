import rule from '../../../rules/esxi-ntp-service-stopped.js';
import { esxiWith, testServiceRule } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

testServiceRule(rule, {
  key: 'ntpd',
  pass: [{ running: true, policy: 'on' }],
  fail: [
    { running: false, policy: 'on' },
    { running: true, policy: 'off' },
  ],
  absent: 'fail',
});

const withPtp = (running: boolean, startupPolicy: string) =>
  esxiWith((f) => {
    f.services = [
      { name: 'ntpd', label: 'NTP Daemon', running: false, startupPolicy: 'off', exposed: false },
      { name: 'ptpd', label: 'PTP Daemon', running, startupPolicy, exposed: false },
    ];
  });

// STIG ESXI-80-000124: 'If PTP is used instead of NTP, this is not a finding.' SCG timekeeping-services: 'NTP and/or
// PTP services must be set to start with the host and must be running.'
testRule(
  rule,
  [
    {
      name: 'stig: ntpd stopped, ptpd running with the host',
      profile: 'stig',
      facts: withPtp(true, 'on'),
      expect: [{ status: 'pass', path: 'services[ptpd]' }],
    },
    {
      name: 'scg: ntpd stopped, ptpd running with the host',
      facts: withPtp(true, 'on'),
      expect: [{ status: 'pass', path: 'services[ptpd]' }],
    },
    {
      name: 'ptpd running but started by hand is no replacement',
      profile: 'stig',
      facts: withPtp(true, 'off'),
      expect: [{ status: 'fail', path: 'services[ntpd]' }],
    },
    {
      name: 'ptpd stopped is no replacement',
      profile: 'stig',
      facts: withPtp(false, 'on'),
      expect: [{ status: 'fail', path: 'services[ntpd]' }],
    },
  ],
  { statuses: ['pass', 'fail'] },
);
