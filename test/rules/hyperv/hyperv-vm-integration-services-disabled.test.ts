import { unknown, type Fact } from '../../../src/core/model/index.js';
import { testRule } from '../tester.js';
import { hypervFacts, vmFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-vm-integration-services-disabled.js';

const is = (name: string, enabled: Fact<boolean>) => ({ name, enabled });

testRule(rule, [
  {
    name: 'all on but GSI',
    facts: hypervFacts({
      vms: {
        count: 1,
        items: [
          vmFacts({ name: 'a', integrationServices: [is('Heartbeat', true), is('Guest Service Interface', false)] }),
        ],
      },
    }),
    expect: [{ status: 'pass', subject: 'a' }],
  },
  {
    name: 'time sync off',
    facts: hypervFacts({
      vms: {
        count: 1,
        items: [
          vmFacts({ name: 'a', integrationServices: [is('Time Synchronization', false), is('Heartbeat', true)] }),
        ],
      },
    }),
    expect: [{ status: 'fail', observed: ['Time Synchronization'] }],
  },
  {
    name: 'a service whose Enabled was not reported is unknown, not off; a known-off one still fails',
    facts: hypervFacts({
      vms: {
        count: 2,
        items: [
          vmFacts({
            name: 'a',
            integrationServices: [
              is('Heartbeat', unknown('Get-VMIntegrationService gave no Enabled for "Heartbeat"')),
              is('Guest Service Interface', unknown('no Enabled')),
            ],
          }),
          vmFacts({
            name: 'b',
            integrationServices: [is('Heartbeat', unknown('no Enabled')), is('Time Synchronization', false)],
          }),
        ],
      },
    }),
    expect: [
      { status: 'unknown', subject: 'a', message: 'whether Heartbeat of a is enabled was not reported' },
      { status: 'fail', subject: 'b', observed: ['Time Synchronization'] },
    ],
  },
  { name: 'not reported', facts: hypervFacts(), expect: [{ status: 'unknown' }] },
]);
