import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFacts, type EsxiHostFacts } from '../../src/core/model/index.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

/**
 * govmomi 0.24.2 as Debian ships it, without our extra managers: HostServiceSystem, HostImageConfigManager,
 * HostKernelModuleSystem, HostAccessManager and HostSnmpSystem are referenced by configManager but not registered, so
 * every call to them faults with ManagedObjectNotFound. Those facts must be unknown with that reason; the rest complete.
 */
describe('ESXi connector against govmomi vcsim without the missing managers', () => {
  let sim: Vcsim;
  let facts: EsxiHostFacts;

  beforeAll(async () => {
    sim = await startVcsim({ mode: 'esx', extras: false });
    const result = await collectHosts(
      vsphereTarget({ host: sim.host, port: sim.port, tls: { fingerprint: sim.sha256 } }),
      testContext(),
    );
    facts = result.hosts[0] as EsxiHostFacts;
  }, 660_000);
  afterAll(() => sim?.close());

  it('turns each absent manager into unknown naming the fault', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    const notFound = expect.objectContaining({
      unknown: true,
      reason: expect.stringContaining('ManagedObjectNotFound'),
    });
    expect(facts.drivers).toEqual(notFound);
    expect(facts.agents).toEqual(notFound);
    expect(facts.esxi.acceptanceLevel).toEqual(notFound);
    expect(facts.esxi.imageProfile).toEqual(notFound);
    expect(facts.esxi.installDate).toEqual(notFound);
    expect(facts.footprint.hypervisorCode).toEqual(notFound);
    expect(facts.exposure.lockdown.exceptions).toEqual(notFound);
    expect(facts.exposure.snmp).toEqual(notFound);
    // Without a capability object nothing about TPM or SLAT can be claimed.
    expect(facts.firmware.tpmPresent).toMatchObject({ unknown: true, reason: 'the host reports no capability object' });
    expect(facts.cpu.virtualization.slat).toMatchObject({ unknown: true });
    // The MOB option is not in vcsim's option set: unknown, not "off".
    expect(facts.exposure.mob).toMatchObject({ unknown: true, reason: expect.stringContaining('enableMob') });
  });

  it('still collects everything the host object itself carries', () => {
    expect(facts.product).toMatchObject({ version: '6.5.0', build: '5969303' });
    expect(facts.cpu.virtualization.presentInCpu).toBe(true);
    // Services fall back to the config.service mirror when HostServiceSystem is absent.
    const services = facts.services as Exclude<EsxiHostFacts['services'], { unknown: true }>;
    expect(services.map((s) => s.name)).toContain('TSM-SSH');
    expect(services.find((s) => s.name === 'TSM-SSH')).toMatchObject({ running: false, exposed: false });
    expect(facts.exposure.lockdown.mode).toBe('lockdownDisabled');
    expect(facts.exposure.firewall).toMatchObject({ incomingBlocked: true });
    expect(facts.esxi.advancedOptions).toEqual({ 'Config.HostAgent.log.level': 'info' });
    expect(facts.vms).toMatchObject({ count: 2 });
    expect(facts.collection.errors).toEqual([]);
    expect(facts.collection.sections.managers).toMatchObject({ ok: false });
  });
});
