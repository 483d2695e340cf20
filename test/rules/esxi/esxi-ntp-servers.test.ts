import rule from '../../../rules/esxi-ntp-servers.js';
import { unknown } from '../../../src/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const servers = (list: string[]) => esxiFacts({ esxi: { ntp: { servers: list } } });
const path = 'esxi.ntp.servers';

testRule(rule, [
  { name: 'two servers pass', facts: servers(['ntp1.lab', 'ntp2.lab']), expect: [{ status: 'pass', path }] },
  { name: 'no server fails', facts: servers([]), expect: [{ status: 'fail', path, observed: [] }] },
  { name: 'one server fails under scg', facts: servers(['ntp1.lab']), expect: [{ status: 'fail', path, message: 'at least 2' }] },
  { name: 'one server passes under stig', facts: servers(['ntp1.lab']), profile: 'stig', expect: [{ status: 'pass', path }] },
  {
    name: 'a server outside the approved list fails',
    facts: servers(['ntp1.lab', 'pool.ntp.org']),
    params: { allowedServers: ['ntp1.lab', 'ntp2.lab'] },
    expect: [{ status: 'fail', path, message: 'pool.ntp.org' }],
  },
  { name: 'unknown NTP config', facts: esxiFacts({ esxi: { ntp: unknown('dateTimeInfo not returned') } }), expect: [{ status: 'unknown', path }] },
]);
