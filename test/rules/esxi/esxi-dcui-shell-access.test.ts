import rule from '../../../rules/esxi-dcui-shell-access.js';
import { unknown } from '../../../src/core/model/index.js';
import { cliNotRun, cliSettings, esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const accounts = (list: { user: string; shellAccess: boolean }[] | ReturnType<typeof unknown>) =>
  esxiWith((f) => {
    f.esxi.cli = cliSettings({ accounts: list });
  });
const path = 'esxi.cli.accounts[dcui].shellAccess';

testRule(
  rule,
  [
    {
      name: 'dcui without shell passes',
      facts: accounts([{ user: 'dcui', shellAccess: false }]),
      expect: [{ status: 'pass', path, observed: false }],
    },
    {
      name: 'dcui with shell fails',
      facts: accounts([
        { user: 'root', shellAccess: true },
        { user: 'dcui', shellAccess: true },
      ]),
      expect: [{ status: 'fail', path, observed: true }],
    },
    {
      name: 'no dcui account',
      facts: accounts([{ user: 'root', shellAccess: true }]),
      expect: [{ status: 'not_applicable', path }],
    },
    {
      name: 'account list unknown',
      facts: accounts(unknown('ExecuteSoap refused')),
      expect: [{ status: 'unknown', path: 'esxi.cli.accounts' }],
    },
    {
      name: 'esxcli not run',
      facts: esxiWith((f) => void (f.esxi.cli = cliNotRun())),
      expect: [{ status: 'unknown', path: 'esxi.cli.accounts', message: 'esxcli was not run' }],
    },
  ],
  { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] },
);
