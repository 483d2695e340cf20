import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-role-not-only-hyperv.js';

const role = (name: string) => ({ name, type: 'Role' });

testRule(rule, [
  { name: 'only Hyper-V', facts: hypervFacts(), expect: [{ status: 'pass', observed: ['Hyper-V'] }] },
  {
    name: 'web server and DNS besides Hyper-V',
    facts: hypervFacts({
      hyperv: { features: [role('Hyper-V'), role('Web-Server'), role('FileAndStorage-Services'), role('DNS')] },
    }),
    expect: [
      { status: 'fail', subject: 'Web-Server' },
      { status: 'fail', subject: 'DNS' },
    ],
  },
  {
    name: 'a role allowed by config',
    facts: hypervFacts({ hyperv: { features: [role('Hyper-V'), role('DNS')] } }),
    params: { allowedRoles: ['Hyper-V', 'DNS'] },
    expect: [{ status: 'pass' }],
  },
  {
    // Before, a feature without FeatureType was taken for a 'Feature' and the host passed.
    name: 'a feature Get-WindowsFeature gave no type for: unknown, it may be a role',
    facts: hypervFacts({
      hyperv: {
        features: [
          role('Hyper-V'),
          { name: 'DNS', type: { unknown: true, reason: 'Get-WindowsFeature gave no FeatureType for DNS' } },
        ],
      },
    }),
    expect: [
      {
        status: 'unknown',
        subject: 'DNS',
        message: 'Get-WindowsFeature gave no FeatureType for DNS: it may be a server role',
      },
    ],
  },
  {
    name: 'an allowed feature without a type does not matter',
    facts: hypervFacts({
      hyperv: { features: [{ name: 'Hyper-V', type: { unknown: true, reason: 'no FeatureType' } }] },
    }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'features unreadable (client SKU)',
    facts: hypervFacts({ hyperv: { features: { unknown: true, reason: 'Get-WindowsFeature not available' } } }),
    expect: [{ status: 'unknown', message: 'Get-WindowsFeature' }],
  },
]);
