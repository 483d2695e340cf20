import rule from '../../../rules/esxi-lockdown-mode-disabled.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const mode = (m: 'lockdownDisabled' | 'lockdownNormal' | 'lockdownStrict') =>
  esxiFacts({ exposure: { lockdown: { mode: m } } });
const path = 'exposure.lockdown.mode';

testRule(rule, [
  {
    name: 'normal lockdown passes',
    facts: mode('lockdownNormal'),
    expect: [{ status: 'pass', path, observed: 'lockdownNormal' }],
  },
  { name: 'strict lockdown passes', facts: mode('lockdownStrict'), expect: [{ status: 'pass', path }] },
  {
    name: 'disabled lockdown fails',
    facts: mode('lockdownDisabled'),
    expect: [{ status: 'fail', path, observed: 'lockdownDisabled' }],
  },
  {
    name: 'a site that demands strict mode fails normal mode',
    facts: mode('lockdownNormal'),
    params: { allowedModes: ['lockdownStrict'] },
    expect: [{ status: 'fail', path }],
  },
  {
    name: 'unknown mode',
    facts: esxiFacts({ exposure: { lockdown: { mode: unknown('HostAccessManager not available') } } }),
    expect: [{ status: 'unknown', path, message: 'HostAccessManager' }],
  },
]);
