import { describe, expect, it } from 'vitest';
import { benchHosts, runBenchmark } from '../../bench/rules.js';
import { listRules } from '../../src/rules/registry.js';

describe('bench/rules.ts', () => {
  it('runs every rule over 50 hosts and reports the slowest rules', () => {
    const hosts = benchHosts(50);
    expect(new Set(hosts.map((h) => h.identity.name)).size).toBe(50);
    const r = runBenchmark(hosts);
    expect(r.hosts).toBe(50);
    expect(r.rules).toBe(listRules().length);
    expect(r.evaluations).toBeGreaterThan(50 * 20);
    // 50 hosts cycle risky ESXi, hardened ESXi, risky WS2019, hardened WS2022: 26 ESXi and 24 Hyper-V hosts.
    const applicable = (platform: string) =>
      listRules().filter((rule) => rule.platforms.includes(platform as never)).length;
    expect(r.evaluations).toBe(26 * applicable('esxi') + 24 * applicable('hyperv'));
    expect(r.findings).toBeGreaterThanOrEqual(r.evaluations);
    expect(r.slowest).toHaveLength(5);
    expect(r.slowest.map((s) => s.ms)).toEqual([...r.slowest.map((s) => s.ms)].sort((a, b) => b - a));
    expect(listRules().map((rule) => rule.id)).toContain(r.slowest[0]!.id);
  });
});
