import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-live-migration-credssp-auth.js';

testRule(rule, [
  { name: 'Kerberos', facts: hypervFacts({ hyperv: { migration: { enabled: true } } }), expect: [{ status: 'pass', observed: 'Kerberos' }] },
  { name: 'CredSSP', facts: hypervFacts({ hyperv: { migration: { enabled: true, authenticationType: 'CredSSP' } } }), expect: [{ status: 'fail', observed: 'CredSSP' }] },
  { name: 'disabled', facts: hypervFacts({ hyperv: { migration: { authenticationType: 'CredSSP' } } }), expect: [{ status: 'not_applicable' }] },
  { name: 'unknown', facts: hypervFacts({ hyperv: { migration: { unknown: true, reason: 'denied' } } }), expect: [{ status: 'unknown' }] },
], { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] });
