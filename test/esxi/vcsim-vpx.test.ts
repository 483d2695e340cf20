import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFacts } from '../../src/core/model/index.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

async function collect(sim: Vcsim) {
  return collectHosts(
    vsphereTarget({
      name: 'vc01',
      platform: 'vcenter',
      host: sim.host,
      port: sim.port,
      tls: { fingerprint: sim.sha256 },
    }),
    testContext(),
  );
}

/** vCenter mode: discovery, one entry per host with managedBy, and a property-collector count that does not grow. */
describe('vCenter collection against govmomi vcsim (VPX mode)', () => {
  let small: Vcsim;
  let large: Vcsim;
  let smallResult: Awaited<ReturnType<typeof collectHosts>>;
  let largeResult: Awaited<ReturnType<typeof collectHosts>>;

  beforeAll(async () => {
    [small, large] = await Promise.all([startVcsim({ mode: 'vpx', hosts: 2 }), startVcsim({ mode: 'vpx', hosts: 7 })]);
    [smallResult, largeResult] = await Promise.all([collect(small), collect(large)]);
  }, 660_000);
  afterAll(async () => {
    await Promise.all([small?.close(), large?.close()]);
  });

  it('yields one HostFacts per host, each managed by the vCenter target', () => {
    expect(smallResult.hosts).toHaveLength(2);
    expect(largeResult.hosts).toHaveLength(7);
    for (const host of [...smallResult.hosts, ...largeResult.hosts]) {
      expect(HostFacts.safeParse(host).success).toBe(true);
      expect(host.identity.managedBy).toBe('vc01');
      expect(host.identity.name).toMatch(/^DC0_C0_H\d$/);
      expect(host.product).toMatchObject({ version: '6.5.0' });
      expect(host.platform === 'esxi' && host.esxi.apiType).toBe('HostAgent');
      expect(host.drivers).not.toMatchObject({ unknown: true });
    }
    expect(new Set(largeResult.hosts.map((h) => h.identity.name)).size).toBe(7);
  });

  it('discovers hosts without the REST host list (absent in vcsim) through a ContainerView', () => {
    expect(smallResult.stats.discovery).toBe('container-view');
    expect(smallResult.hosts[0]!.collection.protocol).toBe('vim25-soap');
  });

  it('uses the same number of property-collector calls for 2 and 7 hosts', () => {
    expect(smallResult.stats.propertyCollectorCalls).toBe(2);
    expect(largeResult.stats.propertyCollectorCalls).toBe(2);
    // Only the concurrent per-host calls grow: 6 manager methods and RetrieveManagedMethodExecuter (refused) per host.
    expect(largeResult.stats.requests - smallResult.stats.requests).toBe(5 * 7);
  });
});
