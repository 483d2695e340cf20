import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-credential-guard-not-running.js';

const off = hypervFacts({ hyperv: { deviceGuard: { servicesRunning: [2] } } });

testRule(rule, [
  { name: 'running', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  { name: 'not running (scg)', facts: off, expect: [{ status: 'fail', observed: [2] }] },
  { name: 'not running (stig)', facts: off, profile: 'stig', expect: [{ status: 'fail' }] },
  { name: 'lab profile does not require it', facts: off, profile: 'lab', expect: [{ status: 'not_applicable' }] },
  { name: 'Windows Server 2012 R2 has no VBS', facts: hypervFacts({ hyperv: { os: { build: 9600 }, deviceGuard: { unknown: true, reason: 'Invalid namespace' } } }), expect: [{ status: 'not_applicable', path: 'hyperv.os.build' }] },
  { name: 'unknown', facts: hypervFacts({ hyperv: { deviceGuard: { unknown: true, reason: 'denied' } } }), expect: [{ status: 'unknown' }] },
], { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] });
