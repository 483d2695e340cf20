import rule from '../../../rules/esxi-key-persistence-enabled.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliNotRun, cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const keyPersistence = (value: boolean | ReturnType<typeof unknown>) =>
  esxiWith((f) => void (f.esxi.cli = cliSettings({ keyPersistence: value })));
const path = 'esxi.cli.keyPersistence';

testRule(rule, [
  { name: 'off passes', facts: keyPersistence(false), expect: [{ status: 'pass', path, observed: false }] },
  { name: 'on fails', facts: keyPersistence(true), expect: [{ status: 'fail', path, observed: true }] },
  {
    name: 'unknown',
    facts: keyPersistence(unknown('keypersistence get failed')),
    expect: [{ status: 'unknown', path }],
  },
  {
    name: 'esxcli not run',
    facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
    expect: [{ status: 'unknown', path, message: 'esxcli was not run' }],
  },
]);
