import rule from '../../../rules/esxi-exec-installed-only-enforcement.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const path = 'esxi.stateEncryption.requireExecInstalledOnly';

testRule(rule, [
  { name: 'required passes', facts: esxiFacts(), expect: [{ status: 'pass', path, observed: true }] },
  {
    name: 'not required fails',
    facts: esxiFacts({ esxi: { stateEncryption: { requireExecInstalledOnly: false } } }),
    expect: [{ status: 'fail', path, observed: false }],
  },
  {
    name: 'an unreported flag is unknown, not "not required"',
    facts: esxiWith((f) => {
      f.esxi.stateEncryption = {
        protectionMode: 'TPM',
        requireSecureBoot: true,
        requireExecInstalledOnly: unknown('runtime.stateEncryption.requireExecInstalledOnly not reported by the host'),
      };
    }),
    expect: [
      { status: 'unknown', path, message: 'runtime.stateEncryption.requireExecInstalledOnly not reported by the host' },
    ],
  },
  {
    name: 'unknown state encryption',
    facts: esxiFacts({ esxi: { stateEncryption: unknown('runtime.stateEncryption not returned') } }),
    expect: [{ status: 'unknown', path: 'esxi.stateEncryption' }],
  },
]);
