import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-admins-review.js';

const groups = {
  administrators: ['LAB\\Domain Admins', 'HV01\\Administrator', 'LAB\\vm-operators'],
  hypervAdministrators: ['LAB\\helpdesk'],
};

testRule(rule, [
  {
    name: 'defaults',
    facts: hypervFacts(),
    expect: [
      { status: 'pass', subject: 'Administrators' },
      { status: 'pass', subject: 'Hyper-V Administrators' },
    ],
  },
  {
    name: 'VM operators in Administrators, helpdesk in Hyper-V Administrators',
    facts: hypervFacts({ exposure: { groups } }),
    expect: [
      { status: 'fail', subject: 'Administrators', observed: ['LAB\\vm-operators'] },
      { status: 'fail', subject: 'Hyper-V Administrators' },
    ],
  },
  {
    name: 'approved by config',
    facts: hypervFacts({ exposure: { groups } }),
    params: {
      administrators: ['*\\Domain Admins', '*\\Administrator', 'LAB\\vm-*'],
      hypervAdministrators: ['LAB\\helpdesk'],
    },
    expect: [{ status: 'pass' }, { status: 'pass' }],
  },
  {
    name: 'unknown',
    facts: hypervFacts({
      exposure: { groups: { unknown: true, reason: 'Failed to compare two elements in the array' } },
    }),
    expect: [{ status: 'unknown' }],
  },
]);
