import { testRule } from '../tester.js';
import { hypervFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/hyperv-defender-realtime-off.js';

const s1 = {
  name: 'SentinelOne',
  kind: 'edr' as const,
  scope: 'management-os' as const,
  vendor: 'SentinelOne',
  evidence: ['service SentinelAgent'],
};

/** Defender whose Get-MpComputerStatus failed: no real-time state, only the mode from WinDefend and the passive policy. */
function statusUnread(mode: 'off' | 'passive', agents: (typeof s1)[]) {
  const facts = hypervFacts({ hyperv: { defender: { mode } }, agents });
  delete (facts.hyperv.defender as { realTimeProtection?: boolean }).realTimeProtection;
  return facts;
}

testRule(rule, [
  {
    name: 'Defender on',
    facts: hypervFacts(),
    expect: [{ status: 'pass', path: 'hyperv.defender.realTimeProtection' }],
  },
  {
    name: 'Defender off',
    facts: hypervFacts({ hyperv: { defender: { realTimeProtection: false } } }),
    expect: [{ status: 'fail', observed: false }],
  },
  {
    name: 'Defender passive beside SentinelOne',
    facts: hypervFacts({ hyperv: { defender: { realTimeProtection: false, runningMode: 'Passive' } }, agents: [s1] }),
    expect: [{ status: 'pass', observed: ['SentinelOne'] }],
  },
  {
    name: 'no antivirus at all',
    facts: hypervFacts({ hyperv: { defender: { installed: false } }, agents: [] }),
    expect: [{ status: 'fail', path: 'hyperv.defender.installed' }],
  },
  // Get-MpComputerStatus failed (no real-time state), but the WinDefend service / passive policy tell the mode.
  {
    name: 'Defender service stopped, no other antivirus',
    facts: statusUnread('off', []),
    expect: [{ status: 'fail', path: 'hyperv.defender.mode', observed: 'off' }],
  },
  {
    name: 'Defender passive, no other antivirus',
    facts: statusUnread('passive', []),
    expect: [{ status: 'fail', path: 'hyperv.defender.mode', observed: 'passive' }],
  },
  {
    name: 'Defender passive with status unreadable, beside SentinelOne',
    facts: statusUnread('passive', [s1]),
    expect: [{ status: 'pass', observed: ['SentinelOne'] }],
  },
  {
    name: 'real-time state unreadable, no other antivirus: unknown quoting the error',
    facts: hypervFacts({
      hyperv: {
        defender: { realTimeProtection: { unknown: true, reason: 'Get-MpComputerStatus failed: 0x800106ba' } },
      },
      agents: [],
    }),
    expect: [
      {
        status: 'unknown',
        path: 'hyperv.defender.realTimeProtection',
        message: 'Get-MpComputerStatus failed: 0x800106ba',
      },
    ],
  },
  {
    name: 'Defender state unknown',
    facts: hypervFacts({ hyperv: { defender: { unknown: true, reason: 'Get-MpComputerStatus failed' } } }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'not installed, agents unknown',
    facts: hypervFacts({
      hyperv: { defender: { installed: false } },
      agents: { unknown: true, reason: 'services denied' },
    }),
    expect: [{ status: 'unknown', message: 'services denied' }],
  },
]);
