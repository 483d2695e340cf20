import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-host-secure-boot-off.js';

testRule(rule, [
  { name: 'on', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  { name: 'off', facts: hypervFacts({ firmware: { secureBoot: false } }), expect: [{ status: 'fail', path: 'firmware.secureBoot' }] },
  { name: 'BIOS', facts: hypervFacts({ firmware: { type: 'bios', secureBoot: { unknown: true, reason: 'Cmdlet not supported on this platform' } } }), expect: [{ status: 'fail', path: 'firmware.type' }] },
  { name: 'not admin', facts: hypervFacts({ firmware: { secureBoot: { unknown: true, reason: 'Confirm-SecureBootUEFI needs admin' } } }), expect: [{ status: 'unknown', message: 'needs admin' }] },
]);
