import rule from '../../../rules/esxi-syslog-local-persistent.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliNotRun, cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const syslog = (value: Parameters<typeof cliSettings>[0]) => esxiWith((f) => void (f.esxi.cli = cliSettings(value)));
const path = 'esxi.cli.syslog.localLogOutputIsPersistent';

testRule(rule, [
  { name: 'persistent passes', facts: syslog({}), expect: [{ status: 'pass', path, observed: true }] },
  {
    name: 'RAM disk fails',
    facts: syslog({ syslog: { localLogOutputIsPersistent: false, logFilteringEnabled: false } }),
    expect: [{ status: 'fail', path, observed: false }],
  },
  {
    name: 'unknown syslog config',
    facts: syslog({ syslog: unknown('system.syslog.config.get failed') }),
    expect: [{ status: 'unknown', path: 'esxi.cli.syslog' }],
  },
  {
    name: 'esxcli not run',
    facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
    expect: [{ status: 'unknown', path: 'esxi.cli.syslog', message: 'esxcli was not run' }],
  },
]);
