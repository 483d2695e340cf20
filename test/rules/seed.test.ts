import { describe, expect, it } from 'vitest';
import { isUnknown, type Finding } from '../../src/core/model/index.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { esxiFacts } from '../fixtures/facts.js';
import { hardenedEsxi, hardenedWs2022, riskyEsxi70, riskyWs2019, SEED_RULES } from '../fixtures/seed-hosts.js';
import { TEST_NOW } from './tester.js';

const failing = (findings: Finding[]) => new Set(findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('the seed risks over the registry', () => {
  it('a risky ESXi 7.0 host yields every ESXi seed finding, with evidence', () => {
    const findings = evaluateHost(riskyEsxi70(), { profile: 'scg', now: TEST_NOW });
    const failed = failing(findings);
    for (const id of SEED_RULES.esxi) expect(failed, id).toContain(id);
    const av = byRule(findings, 'host-introspection-in-hypervisor').filter((f) => f.status === 'fail');
    expect(av.map((f) => f.subject)).toEqual(['guest-introspection-mux']);
    expect(av[0]!.message).toContain('An exploited AV has access to every VM');
    const apis = byRule(findings, 'esxi-third-party-api-exposed').filter((f) => f.status === 'fail');
    expect(apis.map((f) => f.subject)).toEqual(['cim', 'slp', 'mob', 'snmp']);
    for (const f of findings.filter((x) => x.status === 'fail')) {
      expect(f.evidence.path).not.toBe('');
    }
  });

  it('a risky Windows Server 2019 host yields every Hyper-V seed finding', () => {
    const findings = evaluateHost(riskyWs2019(), { profile: 'scg', now: TEST_NOW });
    const failed = failing(findings);
    for (const id of SEED_RULES.hyperv) expect(failed, id).toContain(id);
    expect(byRule(findings, 'hyperv-winrm-insecure').map((f) => f.status)).toEqual(['fail', 'fail']);
    expect(byRule(findings, 'hyperv-host-not-domain-joined')[0]!.severity).toBe('info');
  });

  it('the Hyper-V seed hosts have a DomainRole that agrees with their domain membership', () => {
    // Win32_ComputerSystem.DomainRole (Microsoft Learn): 0 and 2 are standalone, 1 and 3 to 5 belong to a domain.
    for (const facts of [riskyWs2019(), hardenedWs2022()]) {
      const domain = facts.exposure.domain;
      if (isUnknown(domain) || isUnknown(domain.role)) throw new Error('seed hosts read their domain role');
      expect([0, 2].includes(domain.role), facts.identity.name).toBe(!domain.partOfDomain);
    }
  });

  it('hardened hosts yield none of the seed findings, and the footprint is reported for both', () => {
    for (const [facts, ids] of [
      [hardenedEsxi(), SEED_RULES.esxi],
      [hardenedWs2022(), SEED_RULES.hyperv],
    ] as const) {
      const findings = evaluateHost(facts, { profile: 'scg', now: TEST_NOW });
      const failed = failing(findings);
      for (const id of ids) expect(failed, id).not.toContain(id);
      expect(failed).not.toContain('host-cpu-virtualization-missing');
      const footprint = byRule(findings, 'host-footprint-measured');
      expect(footprint.map((f) => f.subject)).toEqual([
        'hypervisor-code',
        'trusted-computing-base',
        'management-surface',
      ]);
      // A measured size points at its images in the facts; ESXi's surface lists its services but has no size to give.
      for (const f of footprint)
        expect(f.message).toMatch(
          f.status === 'pass'
            ? /MiB over \d+ images? \(footprint\.\w+\.counted\)/
            : /images? listed \(footprint\.\w+\.counted\), but /,
        );
    }
  });

  it('a host whose collection failed everywhere gives unknowns with reasons, never passes, for the seed rules', () => {
    const u = { unknown: true as const, reason: 'NoPermission' };
    const facts = esxiFacts({
      drivers: u,
      agents: u,
      services: u,
      vms: u,
      exposure: { firewall: u, mob: u, snmp: u },
      esxi: { acceptanceLevel: u, advancedOptions: u },
    });
    const findings = evaluateHost(facts, { profile: 'scg', now: TEST_NOW });
    for (const id of SEED_RULES.esxi) {
      const results = byRule(findings, id);
      expect(results.length, id).toBeGreaterThan(0);
      for (const r of results) expect(r.status, `${id} ${r.subject ?? ''}`).toBe('unknown');
    }
  });
});
