import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFacts, isUnknown, type EsxiHostFacts } from '../../src/core/model/index.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';
import { collectHosts, testContext, vsphereTarget } from './context.js';

/** Conformance against VMware's own simulator (govmomi 0.24.2, ESX mode) with the missing managers registered. */
describe('ESXi connector against govmomi vcsim (ESX mode, extra managers)', () => {
  let sim: Vcsim;
  let facts: EsxiHostFacts;
  let stats: Awaited<ReturnType<typeof collectHosts>>['stats'];

  beforeAll(async () => {
    sim = await startVcsim({ mode: 'esx', extras: true, password: 'secret' });
    const result = await collectHosts(
      vsphereTarget({ host: sim.host, port: sim.port, tls: { fingerprint: sim.sha256 } }),
      testContext(),
    );
    expect(result.hosts).toHaveLength(1);
    facts = result.hosts[0] as EsxiHostFacts;
    stats = result.stats;
  }, 660_000);
  afterAll(() => sim?.close());

  it('produces facts the host model accepts', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.identity.name).toBe('esx-under-test');
    expect(facts.identity.managedBy).toBeUndefined();
  });

  it('reads product, CPU and the signed CPUID levels', () => {
    expect(facts.product).toMatchObject({ name: 'VMware ESXi', version: '6.5.0', build: '5969303', apiVersion: '6.5' });
    expect(facts.esxi.apiType).toBe('HostAgent');
    expect(facts.cpu).toMatchObject({ vendor: 'intel', packages: 2 });
    // vcsim's captured host has VMX = 1 and the hypervisor bit set: it was itself a VM.
    expect(facts.cpu.virtualization).toMatchObject({
      extension: 'vt-x',
      presentInCpu: true,
      hypervisorPresent: true,
      slat: true,
      enabledInFirmware: true,
    });
    expect(facts.identity.nested).toBe(true);
    expect(facts.firmware).toMatchObject({ tpmPresent: true, tpmVersion: '2.0' });
    expect(facts.firmware.secureBoot).toMatchObject({ unknown: true, reason: expect.stringContaining('8.0.3.0') });
  });

  it('lists VIBs (lowercase fetchSoftwarePackages), acceptance, modules and the hypervisor-level agent', () => {
    expect(facts.esxi.acceptanceLevel).toBe('community');
    expect(facts.esxi.imageProfile).toBe('ESXi-6.5.0-5969303-standard');
    expect(facts.esxi.installDate).toMatch(/^2024-06-25T10:00:00/);
    const drivers = facts.drivers as Exclude<EsxiHostFacts['drivers'], { unknown: true }>;
    expect(drivers.find((d) => d.name === 'net-community')).toMatchObject({
      kind: 'vib',
      acceptanceLevel: 'community',
      inHypervisor: true,
    });
    expect(drivers.filter((d) => d.kind === 'vmkernel-module').map((d) => d.name)).toEqual([
      'vmkernel',
      'nvmxnet3',
      'pvscsi',
      'dvfilter',
    ]);
    // NIC and HBA drivers carry the devices they drive (config.network.pnic, config.storageDevice.hostBusAdapter).
    expect(drivers.find((d) => d.name === 'nvmxnet3')).toMatchObject({
      summary: 'driver of vmnic0, vmnic1',
      loaded: true,
    });
    expect(drivers.find((d) => d.name === 'pvscsi')).toMatchObject({ summary: 'driver of vmhba0' });
    expect(facts.agents).toEqual([
      expect.objectContaining({ name: 'Guest Introspection MUX', scope: 'hypervisor', kind: 'introspection' }),
    ]);
    expect(facts.footprint.hypervisorCode).toMatchObject({
      bytes: 9437184 + 1048576 + 2097152 + 196608 + 16384 + 4096 + 65536 + 8192 + 131072 + 8192,
    });
  });

  it('reads services with exposure from the firewall, lockdown, options, network and SNMP', () => {
    const services = facts.services as Exclude<EsxiHostFacts['services'], { unknown: true }>;
    expect(services.find((s) => s.name === 'TSM-SSH')).toMatchObject({
      running: true,
      startupPolicy: 'on',
      exposed: true,
      rulesets: ['sshServer'],
    });
    expect(services.find((s) => s.name === 'slpd')).toMatchObject({
      running: true,
      rulesets: ['CIMSLP'],
      exposed: true,
    });
    expect(services.find((s) => s.name === 'TSM')).toMatchObject({ running: false, exposed: false });
    const firewall = facts.exposure.firewall as Exclude<EsxiHostFacts['exposure']['firewall'], { unknown: true }>;
    expect(firewall.rulesets).toHaveLength(42);
    expect(firewall.rulesets.find((r) => r.key === 'sshServer')).toMatchObject({ enabled: true, allowedAllIp: true });
    expect(facts.exposure.lockdown).toEqual({ mode: 'lockdownNormal', exceptions: ['svc-backup'] });
    expect(facts.exposure.mob).toBe(false);
    expect(facts.esxi.advancedOptions).toMatchObject({
      'UserVars.ESXiShellTimeOut': 0,
      'VMkernel.Boot.execInstalledOnly': true,
    });
    expect(facts.exposure.snmp).toEqual({ enabled: true, port: 161, readOnlyCommunities: 1, trapTargets: 0 });
    expect(facts.esxi.ntp).toEqual({ servers: ['0.pool.ntp.org', '1.pool.ntp.org'] });
    const network = facts.exposure.network as Exclude<EsxiHostFacts['exposure']['network'], { unknown: true }>;
    expect(network.vmknics.find((v) => v.device === 'vmk0')).toMatchObject({
      portgroup: 'Management Network',
      services: expect.arrayContaining(['management']),
    });
    expect(network.portgroups.find((p) => p.name === 'VM Network')).toMatchObject({ vmCount: 2 });
    expect(network.portgroups.find((p) => p.name === 'Management Network')).toMatchObject({ vmCount: 0 });
  });

  it('records VMs, the pinned trust and the presented certificate', () => {
    expect(facts.vms).toMatchObject({ count: 2 });
    const vms = facts.vms as Exclude<EsxiHostFacts['vms'], { unknown: true }>;
    expect(vms.items[0]).toMatchObject({
      powerState: 'poweredOn',
      firmware: 'bios',
      secureBoot: false,
      vtpm: false,
      passthroughDevices: 0,
    });
    expect(facts.collection).toMatchObject({
      connector: 'esxi',
      protocol: 'vim25-soap',
      serverTrust: 'pinned',
      errors: [],
    });
    expect(facts.esxi.certificate).toMatchObject({ sha256: sim.sha256 });
  });

  it('stays within the round-trip budget (docs/esxi-connector.md)', () => {
    // RetrieveServiceContent, Login, RetrievePropertiesEx beside RetrieveManagedMethodExecuter (refused, so no
    // ExecuteSoap follows), the wave of 1 RetrievePropertiesEx (manager properties) and 6 manager methods over the
    // host's 2 sockets (ceil(7 / 2) = 4), Logout.
    expect(stats.roundTrips).toBe(1 + 1 + 1 + 4 + 1);
    expect(stats.requests).toBe(12);
    expect(stats.propertyCollectorCalls).toBe(2);
    // The host is handed on once mapped, before Logout.
    expect(facts.collection.requests).toBe(11);
  });

  it('leaves only what this peer truly lacks unknown, each with a reason', () => {
    const unknowns: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (isUnknown(v)) unknowns.push(path);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(facts, '');
    expect(unknowns.sort()).toEqual(
      [
        '.product.patchLevel', // build 5969303 (vcsim's 6.5.0) is not in the build table
        '.product.releaseName',
        '.cpu.virtualization.flagsMasked', // the captured host ran nested
        '.firmware.type', // govmomi 0.24.2 has no biosInfo.firmwareType
        '.firmware.secureBoot', // API 6.5 < 8.0.3
        '.footprint.trustedComputingBase', // esxcli's tardisk list, and vcsim has no esxcli
        '.footprint.managementSurface.bytes', // the API reports no size for userworld daemons
        ...[
          'accounts',
          'kernel',
          'keyPersistence',
          'snmpV3',
          'sshFips',
          'sshServer',
          'syslog',
          'tlsProfile',
          'tlsRebootRequired',
        ].map((f) => `.esxi.cli.${f}`),
        '.esxi.stateEncryption', // API 6.5 < 7.0.2
        '.services.0.exposed', // DCUI, lbtd and vmsyslogd name no firewall ruleset
        '.services.3.exposed',
        '.services.9.exposed',
        '.vms.items.0.nestedVirtualization', // vcsim sets config.nestedHVEnabled only when a config spec gave it
        '.vms.items.1.nestedVirtualization',
      ].sort(),
    );
    const services = facts.services as Exclude<EsxiHostFacts['services'], { unknown: true }>;
    expect(services.filter((s) => isUnknown(s.exposed)).map((s) => s.name)).toEqual(['DCUI', 'lbtd', 'vmsyslogd']);
  });

  it('reports esxcli facts unknown: govmomi 0.24.2 does not implement HostSystem.RetrieveManagedMethodExecuter', () => {
    const cli = facts.esxi.cli!;
    for (const value of [...Object.values(cli), facts.footprint.trustedComputingBase]) {
      expect(value).toMatchObject({
        unknown: true,
        reason: expect.stringMatching(/RetrieveManagedMethodExecuter on HostSystem ha-host failed: MethodNotFound/),
      });
    }
    // Without esxcli's HV Support, firmware enablement is still inferred from the vim25 properties.
    expect(facts.cpu.virtualization.evidence.some((e) => e.startsWith('esxcli'))).toBe(false);
    expect(facts.collection.sections.esxcli).toMatchObject({ ok: false });
  });
});
