import rule from '../../../rules/esxi-secure-boot-disabled.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const path = 'firmware.secureBoot';
const noCapability = unknown('capability.uefiSecureBoot not returned');

testRule(rule, [
  { name: 'secure boot on passes', facts: esxiFacts(), expect: [{ status: 'pass', path, observed: true }] },
  {
    name: 'secure boot off fails',
    facts: esxiFacts({ firmware: { secureBoot: false } }),
    expect: [{ status: 'fail', path, observed: false }],
  },
  {
    name: 'legacy BIOS boot fails even when the capability is unreadable',
    facts: esxiFacts({ firmware: { type: 'bios', secureBoot: noCapability } }),
    expect: [{ status: 'fail', path: 'firmware.type', observed: 'bios' }],
  },
  {
    name: 'unknown on a pre-8.0.3 host explains that the API lacks the property',
    facts: esxiFacts({ product: { version: '7.0.3' }, firmware: { secureBoot: noCapability } }),
    expect: [{ status: 'unknown', path, message: 'only from ESXi 8.0.3' }],
  },
  {
    name: 'unknown on 8.0.3 quotes the reason',
    facts: esxiFacts({ firmware: { secureBoot: noCapability } }),
    expect: [{ status: 'unknown', path, message: 'not returned' }],
  },
]);
