import rule from '../../../rules/esxi-syslog-log-filter.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const syslog = (value: Parameters<typeof cliSettings>[0]) => esxiWith((f) => void (f.esxi.cli = cliSettings(value)));
const path = 'esxi.cli.syslog.logFilteringEnabled';

testRule(rule, [
  { name: 'filtering off passes', facts: syslog({}), expect: [{ status: 'pass', path, observed: false }] },
  {
    name: 'filtering on fails',
    facts: syslog({ syslog: { localLogOutputIsPersistent: true, logFilteringEnabled: true } }),
    expect: [{ status: 'fail', path, observed: true }],
  },
  {
    name: 'filter state not reported is unknown with the reason',
    facts: syslog({
      syslog: {
        localLogOutputIsPersistent: true,
        logFilteringEnabled: unknown('esxcli system syslog config logfilter get failed: NotFound'),
      },
    }),
    expect: [{ status: 'unknown', path, message: 'logfilter get failed: NotFound' }],
  },
  {
    name: 'unknown syslog config',
    facts: syslog({ syslog: unknown('failed') }),
    expect: [{ status: 'unknown', path: 'esxi.cli.syslog' }],
  },
]);
