import { testRule } from '../test/rules/tester.js';
import { esxiFacts } from '../test/fixtures/facts.js';
import rule from './esxi-hypervisor-third-party-code.js';

type Level = 'vmware_certified' | 'vmware_accepted' | 'partner' | 'community';
const vib = (name: string, vendor: string | undefined, acceptanceLevel: Level | undefined) => ({
  name, version: '1.0', vendor, acceptanceLevel, inHypervisor: true, kind: 'vib' as const, source: 'fetchSoftwarePackages',
});

testRule(rule, [
  { name: 'VMware-certified OEM driver', facts: esxiFacts(), expect: [{ status: 'pass', subject: 'i40en' }] },
  { name: 'only VMware VIBs', facts: esxiFacts({ drivers: [vib('esx-base', 'VMware', 'vmware_certified')] }), expect: [{ status: 'pass', path: 'drivers' }] },
  {
    name: 'partner and community VIBs',
    facts: esxiFacts({ drivers: [vib('esx-base', 'VMware', 'vmware_certified'), vib('hpe-agent', 'HPE', 'partner'), vib('ghettovcb', 'virtuallyGhetto', 'community')] }),
    expect: [
      { status: 'fail', subject: 'hpe-agent', severity: 'medium', observed: 'partner' },
      { status: 'fail', subject: 'ghettovcb', severity: 'high', observed: 'community' },
    ],
  },
  { name: 'acceptance level missing', facts: esxiFacts({ drivers: [vib('mystery', 'ACME', undefined)] }), expect: [{ status: 'unknown', subject: 'mystery' }] },
  { name: 'VIB list unknown', facts: esxiFacts({ drivers: { unknown: true, reason: 'NoPermission' } }), expect: [{ status: 'unknown' }] },
]);
