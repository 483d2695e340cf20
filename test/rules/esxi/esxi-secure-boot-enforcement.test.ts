import rule from '../../../rules/esxi-secure-boot-enforcement.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { esxiWith } from '../esxi-helpers.js';
import { testRule } from '../tester.js';

const path = 'esxi.stateEncryption.requireSecureBoot';

testRule(rule, [
  { name: 'required passes', facts: esxiFacts(), expect: [{ status: 'pass', path, observed: true }] },
  {
    name: 'not required fails',
    facts: esxiFacts({ esxi: { stateEncryption: { requireSecureBoot: false } } }),
    expect: [{ status: 'fail', path, observed: false }],
  },
  {
    name: 'an unreported flag is unknown, not "not required"',
    facts: esxiWith((f) => {
      f.esxi.stateEncryption = {
        protectionMode: 'none',
        requireSecureBoot: unknown('runtime.stateEncryption.requireSecureBoot not reported by the host'),
        requireExecInstalledOnly: false,
      };
    }),
    expect: [
      { status: 'unknown', path, message: 'runtime.stateEncryption.requireSecureBoot not reported by the host' },
    ],
  },
  {
    name: 'unknown state encryption',
    facts: esxiFacts({ esxi: { stateEncryption: unknown('runtime.stateEncryption not returned') } }),
    expect: [{ status: 'unknown', path: 'esxi.stateEncryption' }],
  },
]);
