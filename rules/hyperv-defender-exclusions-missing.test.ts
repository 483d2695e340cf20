import { testRule } from '../test/rules/tester.js';
import { hypervFacts } from '../test/fixtures/facts.js';
import rule from './hyperv-defender-exclusions-missing.js';

const all = {
  paths: [],
  processes: ['C:\\Windows\\System32\\vmms.exe', 'vmwp.exe', 'vmsp.exe', 'vmcompute.exe'],
  extensions: ['vhd', '.vhdx', '*.avhd', '.avhdx', '.vhds', '.iso', '.rct', '.vsv', '.bin', '.vmcx', '.vmrs', '.vmgs'],
};

testRule(rule, [
  { name: 'auto-exclusions on', facts: hypervFacts(), expect: [{ status: 'pass', path: 'hyperv.defender.disableAutoExclusions' }] },
  { name: 'auto off, explicit list complete', facts: hypervFacts({ hyperv: { defender: { disableAutoExclusions: true, exclusions: all } } }), expect: [{ status: 'pass', path: 'hyperv.defender.exclusions' }] },
  {
    name: 'auto off, list incomplete',
    facts: hypervFacts({ hyperv: { defender: { disableAutoExclusions: true, exclusions: { ...all, processes: ['vmms.exe'] } } } }),
    expect: [{ status: 'fail', expected: ['vmwp.exe', 'vmsp.exe', 'vmcompute.exe'] }],
  },
  { name: 'Defender absent', facts: hypervFacts({ hyperv: { defender: { installed: false } } }), expect: [{ status: 'not_applicable' }] },
  { name: 'preferences need admin', facts: hypervFacts({ hyperv: { defender: { disableAutoExclusions: true, exclusions: { unknown: true, reason: 'Get-MpPreference needs admin' } } } }), expect: [{ status: 'unknown' }] },
], { statuses: ['pass', 'fail', 'unknown', 'not_applicable'] });
