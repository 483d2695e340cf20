import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-management-os-agent-reach.js';

const falcon = {
  name: 'CrowdStrike Falcon',
  kind: 'edr' as const,
  scope: 'management-os' as const,
  vendor: 'CrowdStrike',
  evidence: ['service CSFalconService (Running)'],
};
const zabbix = {
  name: 'Zabbix Agent',
  kind: 'monitoring' as const,
  scope: 'management-os' as const,
  evidence: ['service Zabbix Agent'],
};

testRule(rule, [
  { name: 'Defender only', facts: hypervFacts(), expect: [{ status: 'pass' }] },
  {
    name: 'Falcon and Zabbix',
    facts: hypervFacts({ agents: [falcon, zabbix] }),
    expect: [{ status: 'fail', subject: 'CrowdStrike Falcon', observed: ['service CSFalconService (Running)'] }],
  },
  {
    name: 'monitoring counted by config',
    facts: hypervFacts({ agents: [zabbix] }),
    params: { kinds: ['monitoring'] },
    expect: [{ status: 'fail', subject: 'Zabbix Agent' }],
  },
  {
    name: 'unknown services',
    facts: hypervFacts({ agents: { unknown: true, reason: 'Win32_Service denied' } }),
    expect: [{ status: 'unknown' }],
  },
]);
