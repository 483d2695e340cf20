import { afterEach, describe, expect, it } from 'vitest';
import { ESXCLI_COMMANDS } from '../../connectors/esxi/inventory/esxcli/executor.js';
import {
  loadProfile,
  startEsxiSimulator,
  type EsxiSimulator,
  type EsxiSimulatorOptions,
} from '../../src/lab/esxi/index.js';
import type { EsxiHostFacts } from '../../src/core/model/index.js';
import { evaluateHost } from '../../src/rules/engine.js';
import { collectHosts, labTarget, testContext } from './context.js';

/**
 * The recovery paths against the lab simulator producing the faults real hosts send (src/lab/esxi cites each shape):
 * vCLS agent VMs, a 7.0 U2 host, InvalidProperty naming only the unknown segment, esxcli CLI faults, free ESXi's
 * RestrictedVersion, esxcli over SOAP beside VI/JSON, paging with maxObjects and a server that never stops paging.
 */
const running: EsxiSimulator[] = [];
async function lab(options: EsxiSimulatorOptions): Promise<EsxiSimulator> {
  const sim = await startEsxiSimulator(options);
  running.push(sim);
  return sim;
}

function collect(sim: EsxiSimulator, extra: { viJson?: 'auto' | 'off' } = {}) {
  return collectHosts(labTarget(sim, extra), testContext(sim.password, AbortSignal.timeout(60_000), sim.username));
}

type Known<T> = Exclude<T, { unknown: true }>;

describe('ESXi connector recovery paths on the lab simulator', { timeout: 60_000 }, () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it('a vCLS agent VM on an NSX-prepared host is no partner service VM and raises no hypervisor agent', async () => {
    const profile = loadProfile('esxi-8.0-hardened');
    profile.vibs['nsx-context-mux'] = {
      version: '4.1.2.0.0-8.0.22394493',
      vendor: 'VMware',
      acceptanceLevel: 'vmware_certified',
      summary: 'NSX context mux',
      type: 'bootbank',
    };
    // External vCLS: managedBy {com.vmware.vim.eam, cluster-agent} (Broadcom KB 370219 quoting KB 80472).
    const agentVm = { powerState: 'poweredOn' as const, toolsRunningStatus: 'guestToolsRunning', network: [] };
    profile.vms['vCLS-4c4c4544-0038'] = {
      ...agentVm,
      guestFullName: 'Other 4.x Linux (64-bit)',
      guestId: 'other4xLinux64Guest',
      managedBy: { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' },
    };
    // Embedded vCLS (8.0 U3): managedBy {VirtualCenter, vcls-entity} (KB 370219).
    profile.vms['vCLS-embedded-1'] = {
      ...agentVm,
      guestFullName: 'VMware Photon CRX',
      guestId: 'crxSys1Guest',
      managedBy: { extensionKey: 'VirtualCenter', type: 'vcls-entity' },
    };
    const sim = await lab({ mode: 'esxi', profile });
    const facts = (await collect(sim)).hosts[0] as EsxiHostFacts;
    expect(facts.agents).toEqual([]);
    const vms = facts.vms as Known<EsxiHostFacts['vms']>;
    for (const name of ['vCLS-4c4c4544-0038', 'vCLS-embedded-1']) {
      expect(vms.items.find((v) => v.name === name)).toMatchObject({
        serviceVm: false,
        introspection: [expect.stringContaining('vSphere Cluster Services')],
      });
    }
    // The hypervisor-introspection rule raises nothing for the NSX mux beside vCLS alone (it did: a high finding).
    const findings = evaluateHost(facts, { profile: 'scg', now: new Date('2026-01-01T00:00:00Z') }).filter(
      (f) => f.ruleId === 'host-introspection-in-hypervisor',
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.status === 'fail')).toEqual([]);
  });

  it('a 7.0 U2 host (API 7.0.2.0), which has no runtime.stateEncryption, is not asked for it', async () => {
    const profile = loadProfile('esxi-7.0-hardened');
    profile.product = { version: '7.0.2', build: '17630552', apiVersion: '7.0.2.0' };
    profile.unsupportedProperties = [...profile.unsupportedProperties, 'runtime.stateEncryption'];
    const sim = await lab({ mode: 'esxi', profile });
    const { hosts, stats } = await collect(sim);
    const facts = hosts[0] as EsxiHostFacts;
    expect(facts.collection.errors).toEqual([]);
    expect(stats.propertyCollectorCalls).toBe(2);
    expect(facts.esxi.stateEncryption).toEqual({
      unknown: true,
      reason: "runtime.stateEncryption exists from API 7.0.3.0; this host's API is 7.0.2.0",
    });
  });

  it('InvalidProperty naming only the unknown segment still drops the right path; the host is kept', async () => {
    // The host claims 7.0.3 but faults on runtime.stateEncryption, naming "stateEncryption" alone.
    const profile = loadProfile('esxi-7.0-hardened');
    profile.unsupportedProperties = [...profile.unsupportedProperties, 'runtime.stateEncryption'];
    const sim = await lab({ mode: 'esxi', profile });
    const { hosts, stats } = await collect(sim);
    const facts = hosts[0] as EsxiHostFacts;
    expect(facts.esxi.stateEncryption).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('InvalidProperty'),
    });
    expect(facts.collection.errors).toEqual([
      expect.objectContaining({
        code: 'InvalidProperty',
        message: expect.stringContaining('runtime.stateEncryption left out'),
      }),
    ]);
    expect(facts.drivers).not.toMatchObject({ unknown: true });
    expect(stats.propertyCollectorCalls).toBe(3);
  });

  it('esxcli goes over SOAP even when the vCenter speaks VI/JSON (the executer methods are internal)', async () => {
    const sim = await lab({ mode: 'vcenter', hosts: 2, profile: 'esxi-8.0-hardened', vcenterVersion: '8.0.3' });
    const { hosts, stats } = await collect(sim, { viJson: 'auto' });
    const calls = sim.requestsByMethod();
    expect(stats.protocol).toBe('vi-json');
    expect(calls['JSON POST RetrievePropertiesEx']).toBeGreaterThan(0);
    expect(calls.ExecuteSoap).toBe(2 * Object.keys(ESXCLI_COMMANDS).length);
    expect(calls.RetrieveManagedMethodExecuter).toBe(2);
    expect(Object.keys(calls).filter((m) => /JSON .*(ExecuteSoap|RetrieveManagedMethodExecuter)/.test(m))).toEqual([]);
    // One SOAP Login beside the VI/JSON one, both logged out.
    expect([calls.Login, calls['JSON POST Login'], calls.Logout, calls['JSON POST Logout']]).toEqual([1, 1, 1, 1]);
    for (const h of hosts as EsxiHostFacts[]) expect(h.esxi.cli?.tlsProfile).toBe('NIST_2024');
  });

  it('free ESXi: ExecuteSoap faults RestrictedVersion, the esxcli facts are unknown with that reason, the host is kept', async () => {
    const profile = loadProfile('esxi-8.0-hardened');
    profile.freeLicense = true;
    const sim = await lab({ mode: 'esxi', profile });
    const facts = (await collect(sim)).hosts[0] as EsxiHostFacts;
    expect(facts.esxi.cli?.tlsProfile).toMatchObject({
      unknown: true,
      reason: expect.stringContaining(
        'RestrictedVersion: Current license or ESXi version prohibits execution of the requested operation.',
      ),
    });
    expect(facts.esxi.cli?.snmpV3).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('RestrictedVersion'),
    });
    expect(facts.drivers).not.toMatchObject({ unknown: true });
    expect(facts.collection.errors).toEqual([]);
  });

  it('an esxcli CLI fault reaches the fact as its errMsg text, not the localisation key or XML', async () => {
    const profile = loadProfile('esxi-8.0-hardened');
    profile.esxcli.cliFaults = {
      'system snmp get': ['Unable to get SNMP configuration:', 'the agent is not configured'],
    };
    const sim = await lab({ mode: 'esxi', profile });
    const facts = (await collect(sim)).hosts[0] as EsxiHostFacts;
    expect(facts.esxi.cli?.snmpV3).toEqual({
      unknown: true,
      reason: 'esxcli system snmp get reported a fault: Unable to get SNMP configuration: the agent is not configured',
    });
    expect(facts.esxi.cli?.tlsProfile).toBe('NIST_2024');
  });

  it('SNMP v3 users come from esxcli system snmp get (HostSnmpConfigSpec has none); risky users lack privacy', async () => {
    const profile = loadProfile('esxi-8.0-risky');
    profile.snmp.enabled = true;
    const sim = await lab({ mode: 'esxi', profile });
    const facts = (await collect(sim)).hosts[0] as EsxiHostFacts;
    expect(facts.esxi.cli?.snmpV3).toEqual({
      enabled: true,
      authentication: 'SHA1',
      privacy: 'none',
      users: [
        { user: 'monitor', security: 'auth' },
        { user: 'nagios', security: 'none' },
      ],
    });
  });

  it("a VI/JSON fault's text (faultMessage) reaches the fact's reason", async () => {
    const sim = await lab({
      mode: 'vcenter',
      hosts: 1,
      vcenterVersion: '8.0.3',
      withoutManagers: ['kernelModuleSystem'],
    });
    const { hosts, stats } = await collect(sim, { viJson: 'auto' });
    expect(stats.protocol).toBe('vi-json');
    expect((hosts[0] as EsxiHostFacts).footprint.hypervisorCode).toMatchObject({
      unknown: true,
      reason: expect.stringContaining(
        "ManagedObjectNotFound: The object 'vim.HostKernelModuleSystem:kernelModuleSystem-10' has already been deleted",
      ),
    });
  });
});
