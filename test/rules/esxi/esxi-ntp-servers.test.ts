import rule from '../../../rules/esxi-ntp-servers.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const servers = (list: string[]) => esxiFacts({ esxi: { ntp: { servers: list } } });
const path = 'esxi.ntp.servers';
const ptp = { name: 'ptpd', label: 'PTP Daemon', running: true, startupPolicy: 'on', exposed: false };
/** A host that keeps time with PTP only: ptpd running and starting with the host, no NTP servers, ntpd stopped. */
const ptpOnly = (ptpd = ptp) =>
  esxiWith((f) => {
    f.esxi.ntp = { servers: [] };
    f.services = [{ name: 'ntpd', label: 'NTP Daemon', running: false, startupPolicy: 'off', exposed: false }, ptpd];
  });

// SCG 8.0.3 timekeeping-sources: 'The recommended practice for NTP is to have at least four sources. It is not
// advisable to have only two sources, as having one source is preferable to having two.' Its audit tool fails only an
// empty list. STIG ESXI-80-000124: authoritative time sources; 'If PTP is used instead of NTP, this is not a finding.'
testRule(rule, [
  { name: 'scg: no server fails', facts: servers([]), expect: [{ status: 'fail', path, observed: [] }] },
  {
    name: 'scg: one server passes (preferable to two)',
    facts: servers(['ntp1.lab']),
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'scg: two servers fail',
    facts: servers(['ntp1.lab', 'ntp2.lab']),
    expect: [{ status: 'fail', path, message: 'at least 4' }],
  },
  { name: 'scg: three servers fail', facts: servers(['a', 'b', 'c']), expect: [{ status: 'fail', path }] },
  { name: 'scg: four servers pass', facts: servers(['a', 'b', 'c', 'd']), expect: [{ status: 'pass', path }] },
  { name: 'stig: no server fails', facts: servers([]), profile: 'stig', expect: [{ status: 'fail', path }] },
  {
    name: 'stig: one server passes',
    facts: servers(['ntp1.lab']),
    profile: 'stig',
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'stig: two servers pass',
    facts: servers(['ntp1.lab', 'ntp2.lab']),
    profile: 'stig',
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'stig: a PTP-only host is not a finding',
    facts: ptpOnly(),
    profile: 'stig',
    expect: [{ status: 'pass', path: 'services[ptpd]', message: 'PTP' }],
  },
  {
    name: 'scg: a PTP-only host passes too (NTP as a PTP backup is only suggested)',
    facts: ptpOnly(),
    expect: [{ status: 'pass', path: 'services[ptpd]' }],
  },
  {
    name: 'stig: ptpd stopped is no PTP',
    facts: ptpOnly({ ...ptp, running: false }),
    profile: 'stig',
    expect: [{ status: 'fail', path }],
  },
  {
    name: 'a server outside the approved list fails',
    facts: servers(['ntp1.lab', 'pool.ntp.org']),
    profile: 'stig',
    params: { allowedServers: ['ntp1.lab', 'ntp2.lab'] },
    expect: [{ status: 'fail', path, message: 'pool.ntp.org' }],
  },
  {
    name: 'unknown NTP config',
    facts: esxiFacts({ esxi: { ntp: unknown('dateTimeInfo not returned') } }),
    expect: [{ status: 'unknown', path }],
  },
]);
