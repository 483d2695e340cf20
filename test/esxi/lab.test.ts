import { afterEach, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import {
  loadProfile,
  startEsxiSimulator,
  type EsxiSimulator,
  type EsxiSimulatorOptions,
} from '../../src/lab/esxi/index.js';
import { HostFacts, type EsxiHostFacts } from '../../src/core/model/index.js';
import { collectHosts, labTarget, testContext } from './context.js';

const running: EsxiSimulator[] = [];
async function lab(options: EsxiSimulatorOptions): Promise<EsxiSimulator> {
  const sim = await startEsxiSimulator(options);
  running.push(sim);
  return sim;
}

function collect(
  sim: EsxiSimulator,
  extra: { viJson?: 'auto' | 'off' } = {},
  limit?: <T>(fn: () => Promise<T>) => Promise<T>,
) {
  const ctx = testContext(sim.password, AbortSignal.timeout(20_000), sim.username);
  return collectHosts(labTarget(sim, extra), limit ? { ...ctx, limit } : ctx);
}

type Known<T> = Exclude<T, { unknown: true }>;

/** The connector against the project's ESXi/vCenter lab simulator (src/lab/esxi), profile by profile. */
describe('ESXi connector against the lab simulator', { timeout: 30_000 }, () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it('ESXi 8.0 risky: the hypervisor AV mux, exposure and the round-trip budget', async () => {
    const sim = await lab({ mode: 'esxi', profile: 'esxi-8.0-risky' });
    const { hosts, stats } = await collect(sim);
    const facts = hosts[0] as EsxiHostFacts;
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.product).toMatchObject({
      version: '8.0.1',
      build: '21495797',
      patchLevel: '8.0 U1',
      releaseName: 'ESXi 8.0 Update 1',
    });
    const agents = facts.agents as Known<EsxiHostFacts['agents']>;
    expect(agents.map((a) => a.name).sort()).toEqual(
      [
        'Guest Introspection MUX',
        'vShield Endpoint MUX firewall ruleset',
        'vShield Endpoint MUX service',
        'vShield Endpoint partner firewall ruleset',
      ].sort(),
    );
    expect(facts.esxi.acceptanceLevel).toBe('community');
    expect(facts.esxi.activeDirectory).toEqual({ joinedDomain: 'corp.lab.example' });
    expect(facts.exposure.mob).toBe(true);
    expect(facts.exposure.lockdown.mode).toBe('lockdownDisabled');
    const services = facts.services as Known<EsxiHostFacts['services']>;
    expect(services.find((s) => s.name === 'TSM-SSH')).toMatchObject({ running: true, exposed: true });
    const network = facts.exposure.network as Known<EsxiHostFacts['exposure']['network']>;
    expect(network.portgroups.find((p) => p.name === 'Management Network')?.vmCount).toBeGreaterThan(0);
    // vmk roles read from the config.virtualNicManagerInfo mirror (the lab's base profile: vmk0 management, vmk1 vMotion).
    expect(network.vmknics.map((v) => [v.device, v.services])).toEqual([
      ['vmk0', ['management']],
      ['vmk1', ['vmotion']],
    ]);
    const vms = facts.vms as Known<EsxiHostFacts['vms']>;
    expect(vms.items.find((v) => v.name === 'GI-SVM (1)')).toMatchObject({ serviceVm: true });
    // Our count and the server's agree. Critical path: ServiceContent, Login, properties beside the executer, the wave
    // of manager and esxcli calls over the host's 2 sockets (18 calls, 9 round trips), Logout. The vmk roles come from
    // the config.virtualNicManagerInfo mirror in the property pass: no QueryNetConfig.
    expect(stats.requests).toBe(sim.requestCount());
    expect(stats.roundTrips).toBe(1 + 1 + 1 + Math.ceil(18 / 2) + 1);
    expect(sim.requestsByMethod()).not.toHaveProperty('QueryNetConfig');
    expect(stats.propertyCollectorCalls).toBe(2);
  });

  it('ESXi 8.0 hardened: Secure Boot from capability (API 8.0.3) and the MOB off', async () => {
    const sim = await lab({ mode: 'esxi', profile: 'esxi-8.0-hardened' });
    const facts = (await collect(sim)).hosts[0] as EsxiHostFacts;
    expect(facts.product).toMatchObject({ build: '25926933', patchLevel: '8.0 U3m (unverified)' });
    expect(typeof facts.firmware.secureBoot).toBe('boolean');
    expect(facts.exposure.mob).toBe(false);
    expect(facts.agents).toEqual([]);
    expect(facts.esxi.activeDirectory).toEqual({ joinedDomain: null });
  });

  it('vCenter 8.0.3: VI/JSON when offered, SOAP when disabled, identical facts', async () => {
    const sim = await lab({ mode: 'vcenter', hosts: 3, profile: 'esxi-8.0-risky', vcenterVersion: '8.0.3' });
    const json = await collect(sim, { viJson: 'auto' });
    const jsonCalls = sim.requestsByMethod();
    const soap = await collect(sim, { viJson: 'off' });
    expect(json.stats.protocol).toBe('vi-json');
    expect(soap.stats.protocol).toBe('vcenter-rest+vim25-soap');
    expect(jsonCalls['JSON POST RetrievePropertiesEx']).toBe(2);
    const strip = (h: EsxiHostFacts) => ({ ...h, collection: undefined });
    expect(json.hosts).toHaveLength(3);
    expect(json.hosts.map((h) => strip(h as EsxiHostFacts))).toEqual(soap.hosts.map((h) => strip(h as EsxiHostFacts)));
    for (const h of json.hosts) expect(h.identity.managedBy).toBe('vc-lab');
  });

  it('a VMkernel NIC on a distributed switch is read by its DVS port over SOAP and VI/JSON, not as port group ""', async () => {
    // vim25 HostVirtualNic.portgroup is empty there and HostVirtualNicSpec.distributedVirtualPort names the port.
    const base = loadProfile('esxi-8.0-risky');
    const { ip, mac, services } = base.network.vmknics.vmk1!;
    const distributedPort = {
      switchUuid: '50 2a 7f 3c 11 d2 4e 9a-8b 61 0c 3d 5e 7f 90 a1',
      portgroupKey: 'dvportgroup-31',
      portKey: '12',
    };
    const vmknics = { ...base.network.vmknics, vmk1: { distributedPort, ip, mac, services } };
    const sim = await lab({
      mode: 'vcenter',
      hosts: 1,
      profile: { ...base, network: { ...base.network, vmknics } },
      vcenterVersion: '8.0.3',
    });
    for (const viJson of ['auto', 'off'] as const) {
      const facts = (await collect(sim, { viJson })).hosts[0] as EsxiHostFacts;
      const network = facts.exposure.network as Known<EsxiHostFacts['exposure']['network']>;
      expect(network.vmknics.find((v) => v.device === 'vmk1')).toEqual({
        device: 'vmk1',
        distributedPort,
        ip,
        services: ['vmotion'],
      });
    }
  });

  it('vCenter 7.0.3 never tries VI/JSON', async () => {
    const sim = await lab({ mode: 'vcenter', hosts: 2, profile: 'esxi-7.0-hardened', vcenterVersion: '7.0.3' });
    const result = await collect(sim);
    expect(result.stats.protocol).toBe('vcenter-rest+vim25-soap');
    expect(Object.keys(sim.requestsByMethod()).filter((k) => k.startsWith('JSON'))).toEqual([]);
  });

  it('vCenter: property-collector calls grow from 3 to 40 hosts only with pages (one manager call per host-pass page)', async () => {
    const [few, many] = await Promise.all([lab({ mode: 'vcenter', hosts: 3 }), lab({ mode: 'vcenter', hosts: 40 })]);
    const [a, b] = await Promise.all([collect(few), collect(many)]);
    expect(b.hosts).toHaveLength(40);
    expect(a.stats.propertyCollectorCalls).toBe(2);
    // maxObjects 50: 40 hosts with their VMs and networks take several pages; the hosts each page completes get one
    // RetrievePropertiesEx for their manager properties (host-assembly.ts), so first calls are at most 1 + pages.
    const served = (method: string) =>
      Object.entries(many.requestsByMethod())
        .filter(([m]) => m.endsWith(` ${method}`) || m === method)
        .reduce((n, [, c]) => n + c, 0);
    const [firstCalls, continuations] = [served('RetrievePropertiesEx'), served('ContinueRetrievePropertiesEx')];
    expect(continuations).toBeGreaterThan(0);
    expect(firstCalls - 1).toBeGreaterThan(1);
    expect(firstCalls - 1).toBeLessThanOrEqual(1 + continuations);
    expect(b.stats.propertyCollectorCalls).toBe(firstCalls + continuations);
  }, 60_000);

  for (const viJson of ['auto', 'off'] as const) {
    it(`a session that expires during the manager wave is renewed once (viJson ${viJson})`, async () => {
      const sim = await lab({ mode: 'vcenter', hosts: 3, vcenterVersion: '8.0.3' });
      let expired = false;
      const expireOnFirstCall = <T>(fn: () => Promise<T>) => {
        if (!expired) {
          expired = true;
          sim.expireSessions();
        }
        return fn();
      };
      const { hosts, stats } = await collect(sim, { viJson }, expireOnFirstCall);
      const logins = sim.requestsByMethod()[viJson === 'auto' ? 'JSON POST Login' : 'Login'];
      expect(stats.protocol).toBe(viJson === 'auto' ? 'vi-json' : 'vcenter-rest+vim25-soap');
      expect(logins).toBe(2);
      for (const h of hosts) {
        expect(h.drivers).not.toMatchObject({ unknown: true });
        expect(h.platform === 'esxi' && h.esxi.acceptanceLevel).not.toMatchObject({ unknown: true });
      }
    });
  }

  it('a host that rejects a requested path as InvalidProperty is collected without it', async () => {
    const profile = loadProfile('esxi-8.0-hardened');
    profile.unsupportedProperties = [...profile.unsupportedProperties, 'config.featureCapability'];
    const sim = await lab({ mode: 'esxi', profile });
    const { hosts, stats } = await collect(sim);
    const facts = hosts[0] as EsxiHostFacts;
    expect(facts.esxi.featureCapability).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('InvalidProperty'),
    });
    expect(facts.collection.errors).toEqual([
      expect.objectContaining({ section: 'properties', code: 'InvalidProperty' }),
    ]);
    expect(facts.drivers).not.toMatchObject({ unknown: true });
    expect(stats.propertyCollectorCalls).toBe(3);
  });

  it('a reset on the batched retrieval is a transient collect error naming the call', async () => {
    const sim = await lab({ mode: 'esxi' });
    sim.injectFailure({ method: 'RetrievePropertiesEx', kind: 'reset' });
    const err = await collect(sim).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CollectError);
    expect(err).toMatchObject({ step: 'collect', transient: true });
    expect((err as Error).message).toContain('RetrievePropertiesEx');
  });
});
