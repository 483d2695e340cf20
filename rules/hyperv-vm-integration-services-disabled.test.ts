import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-vm-integration-services-disabled.js';

const is = (name: string, enabled: boolean) => ({ name, enabled });

testRule(rule, [
  { name: 'all on but GSI', facts: hypervFacts({ vms: { count: 1, items: [{ name: 'a', integrationServices: [is('Heartbeat', true), is('Guest Service Interface', false)] }] } }), expect: [{ status: 'pass', subject: 'a' }] },
  { name: 'time sync off', facts: hypervFacts({ vms: { count: 1, items: [{ name: 'a', integrationServices: [is('Time Synchronization', false), is('Heartbeat', true)] }] } }), expect: [{ status: 'fail', observed: ['Time Synchronization'] }] },
  { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown' }] },
]);
