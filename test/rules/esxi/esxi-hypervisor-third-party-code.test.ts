import { testRule } from '../tester.js';
import { esxiFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/esxi-hypervisor-third-party-code.js';

type Level = 'vmware_certified' | 'vmware_accepted' | 'partner' | 'community';
const vib = (name: string, vendor: string | undefined, acceptanceLevel: Level | undefined) => ({
  name,
  version: '1.0',
  vendor,
  acceptanceLevel,
  inHypervisor: true,
  kind: 'vib' as const,
  source: 'fetchSoftwarePackages',
});

// SCG 8.0.3 vib-acceptance-level-supported: "PartnerSupported or Higher". STIG ESXI-80-000133: 'If the acceptance level
// is "CommunitySupported", this is a finding.' Every third-party VIB stays in the results as inventory.
testRule(rule, [
  { name: 'VMware-certified OEM driver', facts: esxiFacts(), expect: [{ status: 'pass', subject: 'i40en' }] },
  {
    name: 'only VMware VIBs',
    facts: esxiFacts({ drivers: [vib('esx-base', 'VMware', 'vmware_certified')] }),
    expect: [{ status: 'pass', path: 'drivers' }],
  },
  {
    name: 'Dell iSM and HPE AMS add-ons at PartnerSupported pass; a community VIB fails',
    facts: esxiFacts({
      drivers: [
        vib('esx-base', 'VMware', 'vmware_certified'),
        vib('dellemc-osname-idrac', 'DEL', 'partner'),
        vib('amsd', 'HPE', 'partner'),
        vib('ghettovcb', 'virtuallyGhetto', 'community'),
      ],
    }),
    expect: [
      {
        status: 'pass',
        subject: 'dellemc-osname-idrac',
        observed: 'partner',
        message: 'Third-party code in the hypervisor',
      },
      { status: 'pass', subject: 'amsd', observed: 'partner' },
      { status: 'fail', subject: 'ghettovcb', severity: 'high', observed: 'community' },
    ],
  },
  {
    name: 'stig: partner passes',
    profile: 'stig',
    facts: esxiFacts({ drivers: [vib('amsd', 'HPE', 'partner')] }),
    expect: [{ status: 'pass', subject: 'amsd' }],
  },
  {
    name: 'stig: community fails',
    profile: 'stig',
    facts: esxiFacts({ drivers: [vib('ghettovcb', 'virtuallyGhetto', 'community')] }),
    expect: [{ status: 'fail', subject: 'ghettovcb' }],
  },
  {
    name: 'a Broadcom partner driver is third-party code, not VMware',
    facts: esxiFacts({ drivers: [vib('bnxtnet', 'Broadcom', 'vmware_certified')] }),
    expect: [{ status: 'pass', subject: 'bnxtnet', message: 'from Broadcom' }],
  },
  {
    name: 'acceptance level missing',
    facts: esxiFacts({ drivers: [vib('mystery', 'ACME', undefined)] }),
    expect: [{ status: 'unknown', subject: 'mystery' }],
  },
  {
    name: 'VIB list unknown',
    facts: esxiFacts({ drivers: { unknown: true, reason: 'NoPermission' } }),
    expect: [{ status: 'unknown' }],
  },
]);
