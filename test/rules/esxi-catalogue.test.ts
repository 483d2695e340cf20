import { describe, expect, it } from 'vitest';
import { profileParams } from '../../src/rules/params.js';
import { findRule, listRules } from '../../src/rules/registry.js';

/** ESXi hardening controls: ESXi rules mapped to an SCG or STIG control, outside patch-level checks. */
const hardening = listRules().filter(
  (r) =>
    r.platforms.includes('esxi') &&
    r.category !== 'patching' &&
    ((r.references.scg?.length ?? 0) > 0 || (r.references.stig?.length ?? 0) > 0),
);
const counts: Record<string, number> = {};
for (const rule of hardening) counts[rule.category] = (counts[rule.category] ?? 0) + 1;

describe('ESXi hardening catalogue (issue 5 §3)', () => {
  it('has at least 40 controls mapped to SCG 8 / STIG 8', () => {
    expect(hardening.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every area the issue names, with the expected minimum per category', () => {
    const minimum: Record<string, number> = {
      accounts: 6, // lockout, unlock, history, max age, complexity, dcui shell, ESX Admins
      access: 8, // shell/SSH services and timeouts, banners, warnings
      lockdown: 3,
      firewall: 1,
      logging: 9,
      time: 2,
      'boot-integrity': 3,
      'code-integrity': 2,
      memory: 2,
      network: 7,
      tls: 2,
      ssh: 9,
      certificates: 1,
    };
    for (const [category, min] of Object.entries(minimum))
      expect(counts[category] ?? 0, category).toBeGreaterThanOrEqual(min);
  });

  it('names an SCG or STIG control that exists in the SCG 8 / STIG 8 table for every rule', () => {
    for (const rule of hardening) {
      for (const id of rule.references.stig ?? []) expect(id, rule.id).toMatch(/^ESXI-80-\d{6}$/);
    }
  });
});

describe('profiles where SCG and STIG disagree (controls-and-peers.md §4.2)', () => {
  const params = (id: string) => {
    const rule = findRule(id);
    if (!rule) throw new Error(`no rule ${id}`);
    return profileParams(rule) as Record<'scg' | 'stig' | 'lab', Record<string, unknown>>;
  };

  it.each([
    ['esxi-account-lockout-failures', 'maxFailures', 5, 3],
    ['esxi-password-max-age', 'maxDays', 9999, 90],
    ['esxi-soap-session-timeout', 'maxMinutes', 10, 30],
    ['esxi-syslog-log-level', 'levels', ['error'], ['info']],
    ['esxi-password-complexity', 'requireMax64', true, false],
    ['esxi-ntp-servers', 'minServers', 4, 1],
    ['esxi-third-party-api-exposed', 'snmp', 'off', 'v3-with-auth'],
    ['esxi-state-encryption-tpm', 'withoutTpm', 'not_applicable', 'finding'],
  ])('%s: %s is %j under scg and %j under stig', (id, key, scg, stig) => {
    const p = params(id);
    expect(p.scg[key]).toEqual(scg);
    expect(p.stig[key]).toEqual(stig);
    expect(p.lab[key]).toBeDefined();
  });
});
