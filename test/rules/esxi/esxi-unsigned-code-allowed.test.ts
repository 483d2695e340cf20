import { testRule } from '../tester.js';
import { esxiFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/esxi-unsigned-code-allowed.js';

const community = {
  name: 'ghettovcb',
  version: '1.0',
  acceptanceLevel: 'community' as const,
  inHypervisor: true,
  kind: 'vib' as const,
  source: 'fetchSoftwarePackages',
};

testRule(rule, [
  {
    name: 'partner level, no community VIB',
    facts: esxiFacts(),
    expect: [
      { status: 'pass', subject: 'acceptance-level', observed: 'partner' },
      { status: 'pass', subject: 'installed-vibs' },
    ],
  },
  {
    name: 'community level and VIB',
    facts: esxiFacts({ esxi: { acceptanceLevel: 'community' }, drivers: [community] }),
    expect: [
      { status: 'fail', subject: 'acceptance-level' },
      { status: 'fail', subject: 'vib:ghettovcb', path: 'drivers[ghettovcb]' },
    ],
  },
  {
    name: 'unknown level and VIBs',
    facts: esxiFacts({
      esxi: { acceptanceLevel: { unknown: true, reason: 'HostImageConfigGetAcceptance denied' } },
      drivers: { unknown: true, reason: 'denied' },
    }),
    expect: [
      { status: 'unknown', subject: 'acceptance-level', message: 'HostImageConfigGetAcceptance' },
      { status: 'unknown', subject: 'installed-vibs' },
    ],
  },
]);
