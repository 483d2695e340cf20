import rule from '../../../rules/esxi-ssh-fips-disabled.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliNotRun, cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const fips = (value: boolean | ReturnType<typeof unknown>) =>
  esxiWith((f) => void (f.esxi.cli = cliSettings({ sshFips: value })));
const path = 'esxi.cli.sshFips';

testRule(rule, [
  { name: 'FIPS on passes', facts: fips(true), expect: [{ status: 'pass', path, observed: true }] },
  { name: 'FIPS off fails', facts: fips(false), expect: [{ status: 'fail', path, observed: false }] },
  { name: 'unknown', facts: fips(unknown('fips140 ssh get failed')), expect: [{ status: 'unknown', path }] },
  {
    name: 'esxcli not run',
    facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
    expect: [{ status: 'unknown', path, message: 'esxcli was not run' }],
  },
]);
