import { describe, expect, it } from 'vitest';
import { cpuidBit, mapCpu, mapFirmware } from '../../connectors/esxi/facts/cpu.js';
import { loadCatalogs } from '../../connectors/esxi/facts/catalog.js';
import { mapProduct } from '../../connectors/esxi/facts/product.js';
import { deviceDrivers, mapAgents, mapModules, normaliseAcceptance } from '../../connectors/esxi/facts/software.js';
import type { VimValue } from '../../connectors/esxi/vim25/value.js';
import { mapVms, partnerServiceVms, vmNicsByPortgroup } from '../../connectors/esxi/facts/vms.js';
import { mapFirewall, mapNetwork, mapServices, mapSnmp } from '../../connectors/esxi/facts/exposure.js';
import { isUnknown, unknown } from '../../src/core/model/fact.js';
import type { HostRaw } from '../../connectors/esxi/inventory/retrieve.js';

const catalogs = loadCatalogs();
const ZERO = '0000:0000:0000:0000:0000:0000:0000:0000';

describe('CPUID bit strings (MSB first)', () => {
  it('reads bit n from the right end', () => {
    expect(cpuidBit('1000:0000:0000:0000:0000:0000:0010:0000', 31)).toBe(true);
    expect(cpuidBit('1000:0000:0000:0000:0000:0000:0010:0000', 5)).toBe(true);
    expect(cpuidBit('1000:0000:0000:0000:0000:0000:0010:0000', 4)).toBe(false);
    expect(cpuidBit('----:----:----:----:----:----:----:----', 5)).toBeUndefined();
    expect(cpuidBit('0101', 0)).toBeUndefined();
  });
});

function cpuProps(
  vendor: string,
  features: Array<{ level: number; ecx: string }>,
  capability?: VimValue,
): Record<string, VimValue> {
  const props: Record<string, VimValue> = {
    'hardware.cpuPkg': [{ _type: 'HostCpuPackage', vendor, description: `${vendor} cpu` }],
    'hardware.cpuFeature': features.map((f) => ({ _type: 'HostCpuIdInfo', ...f })),
    'hardware.cpuInfo': { numCpuPackages: '1', numCpuCores: '8', numCpuThreads: '16' },
  };
  if (capability !== undefined) props.capability = capability;
  return props;
}

describe('CPU virtualization facts', () => {
  it('AMD-V from leaf 0x80000001 ECX[2], the level arriving signed', () => {
    const cpu = mapCpu(
      cpuProps(
        'amd',
        [
          { level: 1, ecx: ZERO },
          { level: -2147483647, ecx: '0000:0000:0000:0000:0000:0000:0000:0100' },
        ],
        { cpuHwMmuSupported: true },
      ),
    );
    expect(cpu.virtualization).toMatchObject({
      extension: 'amd-v',
      presentInCpu: true,
      hypervisorPresent: false,
      flagsMasked: false,
      slat: true,
    });
    expect(cpu.virtualization.evidence).toContain('hardware.cpuFeature leaf 0x80000001 ECX[2] (SVM) = 1');
    expect(cpu).toMatchObject({ packages: 1, cores: 8, threads: 16 });
  });

  it('Intel without VMX is false, and firmware enablement stays unknown without a signal', () => {
    const cpu = mapCpu(cpuProps('intel', [{ level: 1, ecx: ZERO }]));
    expect(cpu.virtualization.presentInCpu).toBe(false);
    expect(cpu.virtualization.enabledInFirmware).toMatchObject({ unknown: true });
    expect(cpu.virtualization.slat).toMatchObject({ unknown: true, reason: 'the host reports no capability object' });
  });

  it('Secure Boot from capability.uefiSecureBoot on API 8.0.3; TPM version null when there is no TPM', () => {
    const props = {
      capability: { uefiSecureBoot: true, tpmSupported: false },
      'hardware.biosInfo': { firmwareType: 'UEFI' },
    };
    expect(mapFirmware(props, '8.0.3.0')).toEqual({
      type: 'uefi',
      secureBoot: true,
      tpmPresent: false,
      tpmVersion: null,
    });
    expect(mapFirmware({ capability: {} }, '8.0.3.0').secureBoot).toMatchObject({
      reason: 'capability.uefiSecureBoot not reported',
    });
  });
});

describe('build table', () => {
  it('names the patch, keeps unverified marks, and never guesses an unlisted build', () => {
    expect(
      mapProduct(
        { name: 'VMware ESXi', version: '8.0.3', build: '24674464', apiVersion: '8.0.3.0' },
        undefined,
        catalogs.builds,
      ),
    ).toMatchObject({ patchLevel: '8.0 U3e', releaseName: 'ESXi 8.0 Update 3e', endOfSupport: '2027-10-11' });
    expect(mapProduct({ version: '6.7.0', build: '23084122' }, undefined, catalogs.builds).patchLevel).toBe(
      '6.7 U3u (unverified)',
    );
    expect(mapProduct({ version: '8.0.3', build: '99999999' }, undefined, catalogs.builds).patchLevel).toMatchObject({
      unknown: true,
      reason: expect.stringContaining('99999999'),
    });
    expect(mapProduct({ version: '5.5.0', build: '1' }, undefined, catalogs.builds).endOfSupport).toMatchObject({
      unknown: true,
    });
  });

  it('has one row per build; every support end is confirmed (docs/advisories.md)', () => {
    const builds = catalogs.builds.builds.map((b) => b.build);
    expect(new Set(builds).size).toBe(builds.length);
    expect(catalogs.builds.lines.filter((l) => l.unverified).map((l) => l.line)).toEqual([]);
  });
});

describe('acceptance levels and hypervisor agents', () => {
  it('normalises API tokens and esxcli names', () => {
    expect(
      [
        'vmware_certified',
        'VMwareCertified',
        'VMwareAccepted',
        'PartnerSupported',
        'partner',
        'CommunitySupported',
        'community',
      ].map(normaliseAcceptance),
    ).toEqual([
      'vmware_certified',
      'vmware_certified',
      'vmware_accepted',
      'partner',
      'partner',
      'community',
      'community',
    ]);
    expect(normaliseAcceptance('bogus')).toBeUndefined();
  });

  const vibs = (...names: string[]) => ({
    ok: true as const,
    value: names.map((name) => ({ _type: 'SoftwarePackage', name, version: '1.0' })),
  });

  it('counts nsx-context-mux only beside a partner service VM, naming it', () => {
    const base = { serviceKeys: [], rulesetKeys: [] };
    expect(mapAgents({ ...base, packages: vibs('nsx-context-mux'), partnerServiceVms: [] }, catalogs.agents)).toEqual(
      [],
    );
    expect(
      mapAgents({ ...base, packages: vibs('nsx-context-mux'), partnerServiceVms: ['Trend DSVA (1)'] }, catalogs.agents),
    ).toEqual([
      expect.objectContaining({
        name: 'NSX Guest Introspection context mux',
        scope: 'hypervisor',
        kind: 'introspection',
        evidence: [expect.stringContaining('partner service VM Trend DSVA (1)')],
      }),
    ]);
  });

  it('classifies config.managedBy by (extensionKey, type): vCLS agents are not partner service VMs', () => {
    const vm = (name: string, managedBy: VimValue) => ({
      obj: { _type: 'ManagedObjectReference' as const, type: 'VirtualMachine', value: name },
      props: { name, 'config.managedBy': managedBy },
      missing: {},
    });
    // The shapes of Broadcom KB 370219 (external vCLS as KB 80472 gives it, embedded vCLS of 8.0 U3).
    const vms = [
      vm('vCLS-1', { _type: 'ManagedByInfo', extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' }),
      vm('vCLS-2', { _type: 'ManagedByInfo', extensionKey: 'VirtualCenter', type: 'vcls-entity' }),
      vm('GI-SVM', { _type: 'ManagedByInfo', extensionKey: 'com.vmware.vim.eam', type: 'svm' }),
      vm('backup-proxy', { _type: 'ManagedByInfo', extensionKey: 'com.example.backup', type: 'proxy' }),
    ];
    expect(partnerServiceVms(vms, catalogs.serviceVms)).toEqual(['GI-SVM']);
    const items = mapVms(vms, catalogs.serviceVms).items;
    expect(items.map((i) => i.serviceVm)).toEqual([false, false, true, false]);
    expect(items[0]!.introspection![0]).toContain('vSphere Cluster Services (vCLS) agent VM, external vCLS');
    expect(items[2]!.introspection![0]).toContain('unverified');
  });

  it('keeps the unverified mark of dvfilter-dsa in the evidence and is unknown without a VIB list', () => {
    const [agent] = mapAgents(
      { packages: vibs('dvfilter-dsa'), serviceKeys: [], rulesetKeys: [], partnerServiceVms: [] },
      catalogs.agents,
    ) as Array<{ evidence: string[] }>;
    expect(agent!.evidence[0]).toContain('unverified');
    expect(
      mapAgents(
        {
          packages: { ok: false, reason: 'x' },
          serviceKeys: ['vShield-Endpoint-Mux'],
          rulesetKeys: [],
          partnerServiceVms: [],
        },
        catalogs.agents,
      ),
    ).toMatchObject({ unknown: true });
  });
});

describe('NIC and HBA drivers', () => {
  const devices = deviceDrivers(
    {
      pnic: [
        { device: 'vmnic0', driver: 'ixgben' },
        { device: 'vmnic1', driver: 'ixgben' },
      ],
    },
    [{ device: 'vmhba0', driver: 'lsi_mr3' }],
  );

  it('annotates loaded modules with their devices', () => {
    const drivers = mapModules(
      {
        ok: true,
        value: [
          { name: 'ixgben', loaded: 'true' },
          { name: 'vmkernel', loaded: true },
        ],
      },
      devices,
    );
    expect(drivers).toEqual([
      {
        name: 'ixgben',
        inHypervisor: true,
        kind: 'vmkernel-module',
        source: 'QueryModules',
        loaded: true,
        summary: 'driver of vmnic0, vmnic1',
      },
      { name: 'vmkernel', inHypervisor: true, kind: 'vmkernel-module', source: 'QueryModules', loaded: true },
    ]);
  });

  it('lists the device drivers from the configuration when QueryModules is unavailable', () => {
    expect(mapModules({ ok: false, reason: 'x' }, devices)).toEqual([
      {
        name: 'ixgben',
        inHypervisor: true,
        kind: 'vmkernel-module',
        source: 'config.network.pnic',
        summary: 'driver of vmnic0, vmnic1',
      },
      {
        name: 'lsi_mr3',
        inHypervisor: true,
        kind: 'vmkernel-module',
        source: 'config.storageDevice.hostBusAdapter',
        summary: 'driver of vmhba0',
      },
    ]);
  });
});

describe('VM NICs per port group', () => {
  const vm = (props: Record<string, VimValue>) => ({
    obj: { _type: 'ManagedObjectReference' as const, type: 'VirtualMachine', value: 'vm-1' },
    props,
    missing: {},
  });
  const card = (portgroup: string) => ({
    _type: 'VirtualVmxnet3',
    macAddress: '00:50:56:00:00:01',
    backing: { _type: 'VirtualEthernetCardNetworkBackingInfo', deviceName: portgroup },
  });

  it("counts ethernet cards by backing, and falls back to the VMs' networks", () => {
    const names = new Map([['Network:net-1', 'Management Network']]);
    const counts = vmNicsByPortgroup(
      [
        vm({ 'config.hardware.device': [card('VM Network'), card('VM Network'), { _type: 'VirtualDisk' }] }),
        vm({ network: [{ _type: 'ManagedObjectReference', type: 'Network', value: 'net-1' }] }),
      ],
      names,
    );
    expect(counts).toBeInstanceOf(Map);
    expect(Object.fromEntries(counts as Map<string, number>)).toEqual({ 'VM Network': 2, 'Management Network': 1 });
  });

  it('is unknown, not "no NICs", when a VM reports neither its devices nor its networks', () => {
    const counts = vmNicsByPortgroup(
      [
        vm({ 'config.hardware.device': [card('VM Network')] }),
        { ...vm({ name: 'db01' }), missing: { 'config.hardware.device': 'NoPermission' } },
      ],
      new Map(),
    );
    expect(counts).toEqual({
      unknown: true,
      reason: 'VM db01: config.hardware.device not reported (NoPermission) and network not reported',
    });
  });
});

describe('standard network', () => {
  const raw = (props: Record<string, VimValue>, managers: Record<string, unknown> = {}) =>
    ({ props, managers, errors: [] }) as unknown as HostRaw;
  const network = {
    portgroup: [
      { spec: { name: 'VM Network', vswitchName: 'vSwitch0', policy: {} } },
      { spec: { name: 'Management Network', vswitchName: 'vSwitch0', vlanId: 10, policy: {} } },
    ],
    vnic: [{ device: 'vmk0', portgroup: 'Management Network', spec: { ip: { ipAddress: '10.0.10.11' } } }],
  };

  it('an unreported VLAN, VM count or VMkernel NIC role is unknown with why, not 0 or none', () => {
    const net = mapNetwork(
      raw(
        { 'config.network': network },
        { netConfigManagement: { ok: false, reason: 'QueryNetConfig: NoPermission' } },
      ),
      unknown('VM db01: network not reported'),
    );
    expect(net).toMatchObject({
      portgroups: [
        {
          name: 'VM Network',
          vlanId: { unknown: true, reason: 'port group VM Network: spec.vlanId not reported by the host' },
          vmCount: { unknown: true, reason: 'VM db01: network not reported' },
        },
        { name: 'Management Network', vlanId: 10 },
      ],
      vmknics: [
        {
          device: 'vmk0',
          services: { unknown: true, reason: 'VMkernel NIC roles unknown: QueryNetConfig: NoPermission' },
        },
      ],
    });
  });

  it('reads roles and counts as reported; a port group no VM names carries none', () => {
    const managementNic = {
      ok: true,
      value: [
        {
          nicType: 'management',
          selectedVnic: ['management.key-vim.host.VirtualNic-vmk0'],
          candidateVnic: [{ key: 'management.key-vim.host.VirtualNic-vmk0', device: 'vmk0' }],
        },
      ],
    };
    const net = mapNetwork(
      raw({ 'config.network': network }, { netConfigManagement: managementNic }),
      new Map([['VM Network', 2]]),
    );
    expect(net).toMatchObject({
      portgroups: [{ vmCount: 2 }, { vmCount: 0 }],
      vmknics: [{ services: ['management'] }],
    });
  });

  it("is unknown, not named '', when a switch, port group or VMkernel NIC lacks the name vim25 requires", () => {
    // govmomi vim25/types/types.go: HostVirtualSwitch.Name, HostPortGroupSpec.Name / VswitchName, HostVirtualNic.Device carry no omitempty.
    const without = (change: object) => mapNetwork(raw({ 'config.network': { ...network, ...change } }), new Map());
    expect(without({ vswitch: [{ name: 'vSwitch0' }, { pnic: [] }] })).toEqual({
      unknown: true,
      reason: 'vSwitch 2 has no name, which vim25 HostVirtualSwitch requires',
    });
    expect(without({ portgroup: [{ spec: { vswitchName: 'vSwitch0' } }] })).toEqual({
      unknown: true,
      reason: 'port group 1 has no spec.name, which vim25 HostPortGroupSpec requires',
    });
    expect(without({ portgroup: [{ spec: { name: 'VM Network' } }] })).toEqual({
      unknown: true,
      reason: 'port group 1 has no spec.vswitchName, which vim25 HostPortGroupSpec requires',
    });
    expect(without({ vnic: [{ portgroup: 'Management Network' }] })).toEqual({
      unknown: true,
      reason: 'VMkernel NIC 1 has no device, which vim25 HostVirtualNic requires',
    });
  });

  it("names a VMkernel NIC's standard port group or distributed port, and says why when the host gave neither", () => {
    // vim25 HostVirtualNic.portgroup is empty on a distributed switch; HostVirtualNicSpec.distributedVirtualPort
    // (DistributedVirtualSwitchPortConnection: switchUuid required, portgroupKey / portKey optional) names the port.
    // Before, such a NIC had portgroup '' and the rules looked for a port group named ''.
    const dvPort = { switchUuid: '50 2a 7f 3c', portgroupKey: 'dvportgroup-31', portKey: '12' };
    const nics = (...vnic: VimValue[]) => {
      const net = mapNetwork(raw({ 'config.network': { ...network, vnic } }), new Map());
      if (isUnknown(net)) throw new Error(net.reason);
      return net.vmknics.map(({ services: _, ...nic }) => nic);
    };
    expect(
      nics(
        { device: 'vmk0', portgroup: '', spec: { portgroup: 'Management Network' } },
        { device: 'vmk1', portgroup: '', spec: { distributedVirtualPort: dvPort } },
        { device: 'vmk2', spec: { distributedVirtualPort: { switchUuid: '50 2a 7f 3c', portgroupKey: '' } } },
      ),
    ).toEqual([
      { device: 'vmk0', portgroup: 'Management Network' },
      { device: 'vmk1', distributedPort: dvPort },
      { device: 'vmk2', distributedPort: { switchUuid: '50 2a 7f 3c' } },
    ]);
    expect(
      nics(
        { device: 'vmk3', portgroup: '' },
        { device: 'vmk4', spec: { distributedVirtualPort: { portgroupKey: 'dvportgroup-31' } } },
        {
          device: 'vmk5',
          spec: { opaqueNetwork: { opaqueNetworkId: 'ls-1', opaqueNetworkType: 'nsx.LogicalSwitch' } },
        },
      ).map((n) => n.portgroup),
    ).toEqual([
      unknown('VMkernel NIC vmk3: the host reported neither portgroup nor spec.distributedVirtualPort'),
      unknown(
        'VMkernel NIC vmk4: spec.distributedVirtualPort has no switchUuid, which vim25 DistributedVirtualSwitchPortConnection requires',
      ),
      unknown('VMkernel NIC vmk5: it is on an NSX opaque network (spec.opaqueNetwork), which hvscan does not read'),
    ]);
  });
});

describe('firewall default policy', () => {
  const ruleset = {
    key: 'sshServer',
    enabled: true,
    allowedHosts: { allIp: true },
    rule: [{ port: 22, protocol: 'tcp', direction: 'inbound' }],
  };

  it('is read as reported', () => {
    const fw = mapFirewall({
      defaultPolicy: { incomingBlocked: true, outgoingBlocked: false },
      ruleset: [ruleset],
    } as VimValue);
    expect(fw).toMatchObject({
      incomingBlocked: true,
      outgoingBlocked: false,
      rulesets: [{ key: 'sshServer', allowedAllIp: true }],
    });
  });

  it('is unknown, not "incoming allowed", when the host does not report it', () => {
    expect(mapFirewall({ ruleset: [ruleset] } as VimValue)).toEqual({
      unknown: true,
      reason: 'config.firewall.defaultPolicy not reported by the host',
    });
    expect(mapFirewall({ defaultPolicy: { outgoingBlocked: true }, ruleset: [ruleset] } as VimValue)).toMatchObject({
      unknown: true,
    });
  });
});

describe('firewall ruleset flags', () => {
  const rule = [{ port: 22, protocol: 'tcp', direction: 'inbound' }];
  const policy = { incomingBlocked: true, outgoingBlocked: true };

  it('are unknown, not false, when a ruleset does not report them', () => {
    const fw = mapFirewall({ defaultPolicy: policy, ruleset: [{ key: 'sshServer', rule }] } as VimValue);
    expect(fw).toMatchObject({
      rulesets: [
        {
          key: 'sshServer',
          enabled: { unknown: true, reason: 'firewall ruleset sshServer: enabled not reported by the host' },
          allowedAllIp: {
            unknown: true,
            reason: 'firewall ruleset sshServer: allowedHosts.allIp not reported by the host',
          },
        },
      ],
    });
  });

  it("leave a running service's exposure unknown unless the other flag closes the ruleset", () => {
    const raw = (ruleset: VimValue) => ({
      props: { 'config.service': { service: [{ key: 'TSM-SSH', running: true, ruleset: ['sshServer'] }] } },
      managers: {},
      fw: mapFirewall({ defaultPolicy: policy, ruleset: [ruleset] } as VimValue),
    });
    const exposed = (ruleset: VimValue) => {
      const { fw, ...r } = raw(ruleset);
      const services = mapServices(r as unknown as HostRaw, fw);
      return Array.isArray(services) ? services[0]!.exposed : services;
    };
    expect(exposed({ key: 'sshServer', allowedHosts: { allIp: true }, rule })).toMatchObject({
      unknown: true,
      reason: 'firewall ruleset sshServer: enabled not reported by the host',
    });
    expect(exposed({ key: 'sshServer', enabled: false, rule })).toBe(false);
    expect(exposed({ key: 'sshServer', enabled: true, allowedHosts: { allIp: true }, rule })).toBe(true);
  });

  it('a service without HostService.policy (required in vim25) has its startup policy unknown, with the service named', () => {
    const services = mapServices(
      {
        props: {
          'config.service': {
            service: [
              { key: 'TSM-SSH', running: true, ruleset: ['sshServer'] },
              { key: 'ntpd', running: true, policy: 'on' },
            ],
          },
        },
        managers: {},
      } as unknown as HostRaw,
      unknown('x'),
    );
    expect(Array.isArray(services) && services.map((s) => s.startupPolicy)).toEqual([
      { unknown: true, reason: 'HostService.policy not reported for TSM-SSH' },
      'on',
    ]);
  });
});

describe('firewall rules', () => {
  const policy = { incomingBlocked: true, outgoingBlocked: true };
  const open = { key: 'sshServer', enabled: true, allowedHosts: { allIp: true } };
  const noPort = 'firewall ruleset sshServer: rule 2 has no port, direction, which vim25 HostFirewallRule requires';

  it("are unknown, not port 0, when a rule lacks a field vim25 requires; the service's exposure says why", () => {
    // vim25 HostFirewallRule: port, direction and protocol carry no omitempty in govmomi vim25/types/types.go.
    const fw = mapFirewall({
      defaultPolicy: policy,
      ruleset: [{ ...open, rule: [{ port: 22, protocol: 'tcp', direction: 'inbound' }, { protocol: 'tcp' }] }],
    } as VimValue);
    expect(fw).toMatchObject({ rulesets: [{ key: 'sshServer', rules: { unknown: true, reason: noPort } }] });
    const services = mapServices(
      {
        props: { 'config.service': { service: [{ key: 'TSM-SSH', running: true, ruleset: ['sshServer'] }] } },
        managers: {},
      } as unknown as HostRaw,
      fw,
    );
    expect(Array.isArray(services) && services[0]!.exposed).toEqual({ unknown: true, reason: noPort });
  });

  it("are unknown, not keyed '', when a ruleset or a service has no key (required in vim25 HostFirewallRuleset, HostService)", () => {
    // govmomi vim25/types/types.go: HostFirewallRuleset.Key and HostService.Key carry no omitempty.
    const fw = mapFirewall({
      defaultPolicy: policy,
      ruleset: [
        { ...open, rule: [] },
        { enabled: true, allowedHosts: { allIp: true }, rule: [] },
      ],
    } as VimValue);
    expect(fw).toEqual({
      unknown: true,
      reason: 'firewall ruleset 2 has no key, which vim25 HostFirewallRuleset requires',
    });
    const services = mapServices(
      {
        props: {
          'config.service': {
            service: [
              { key: 'TSM-SSH', running: true },
              { running: true, policy: 'on' },
            ],
          },
        },
        managers: {},
      } as unknown as HostRaw,
      fw,
    );
    expect(services).toEqual({ unknown: true, reason: 'service 2 has no key, which vim25 HostService requires' });
  });

  it('keep endPort only for a port range', () => {
    const fw = mapFirewall({
      defaultPolicy: policy,
      ruleset: [
        {
          ...open,
          rule: [
            { port: 22, endPort: 0, protocol: 'tcp', direction: 'inbound' },
            { port: 8000, endPort: 8100, protocol: 'tcp', direction: 'inbound' },
          ],
        },
      ],
    } as VimValue);
    expect(fw).toMatchObject({
      rulesets: [
        {
          rules: [
            { port: 22, protocol: 'tcp', direction: 'inbound' },
            { port: 8000, endPort: 8100 },
          ],
        },
      ],
    });
    expect((fw as { rulesets: Array<{ rules: object[] }> }).rulesets[0]!.rules[0]).not.toHaveProperty('endPort');
  });
});

describe('SNMP agent', () => {
  const raw = (outcome: unknown) => ({ managers: { snmpConfiguration: outcome } }) as unknown as HostRaw;

  it('is unknown when the configuration is absent, and its enabled flag unknown when only that is missing', () => {
    expect(mapSnmp(raw({ ok: true, value: undefined }))).toEqual({
      unknown: true,
      reason: 'HostSnmpSystem.configuration not reported by the host',
    });
    expect(mapSnmp(raw({ ok: true, value: { readOnlyCommunities: ['public'] } }))).toEqual({
      enabled: { unknown: true, reason: 'HostSnmpSystem.configuration.enabled not reported by the host' },
      readOnlyCommunities: 1,
      trapTargets: 0,
    });
    expect(mapSnmp(raw({ ok: true, value: { enabled: false } }))).toMatchObject({ enabled: false });
  });
});

describe('VM Secure Boot and nested virtualization', () => {
  const vm = (props: Record<string, VimValue>, missing: Record<string, string> = {}) => ({
    obj: { _type: 'ManagedObjectReference' as const, type: 'VirtualMachine', value: 'vm-1' },
    props: { name: 'web01', ...props },
    missing,
  });

  it('are unknown with the reason when the VM does not report them', () => {
    const [efi, denied] = mapVms(
      [
        vm({ 'config.firmware': 'efi' }),
        vm({ 'config.firmware': 'efi', 'config.bootOptions': {} }, { 'config.nestedHVEnabled': 'NoPermission' }),
      ],
      catalogs.serviceVms,
    ).items;
    expect(efi).toMatchObject({
      secureBoot: { unknown: true, reason: 'config.bootOptions not reported' },
      nestedVirtualization: { unknown: true, reason: 'config.nestedHVEnabled not reported' },
    });
    expect(denied).toMatchObject({
      secureBoot: { unknown: true, reason: 'config.bootOptions.efiSecureBootEnabled not reported' },
      nestedVirtualization: { unknown: true, reason: 'config.nestedHVEnabled not reported (NoPermission)' },
    });
  });

  it('vTPM and passthrough devices are unknown with the reason when config.hardware.device is not reported', () => {
    const [denied] = mapVms(
      [vm({ 'config.firmware': 'efi' }, { 'config.hardware.device': 'NoPermission' })],
      catalogs.serviceVms,
    ).items;
    const why = { unknown: true, reason: 'config.hardware.device not reported (NoPermission)' };
    expect(denied).toMatchObject({ vtpm: why, passthroughDevices: why });
  });

  it('are unknown with the reason when the VM reported neither config.firmware nor config.guestId', () => {
    const [bare] = mapVms(
      [vm({}, { 'config.bootOptions': 'NoPermission', 'config.nestedHVEnabled': 'NoPermission' })],
      catalogs.serviceVms,
    ).items;
    expect(bare).toMatchObject({
      secureBoot: { unknown: true, reason: 'config.bootOptions not reported (NoPermission)' },
      nestedVirtualization: { unknown: true, reason: 'config.nestedHVEnabled not reported (NoPermission)' },
    });
  });

  it('are read as reported; BIOS firmware has no Secure Boot', () => {
    const [bios, efi] = mapVms(
      [
        vm({ 'config.firmware': 'bios', 'config.nestedHVEnabled': false }),
        vm({
          'config.firmware': 'efi',
          'config.bootOptions': { efiSecureBootEnabled: true },
          'config.nestedHVEnabled': true,
        }),
      ],
      catalogs.serviceVms,
    ).items;
    expect(bios).toMatchObject({ secureBoot: false, nestedVirtualization: false });
    expect(efi).toMatchObject({ secureBoot: true, nestedVirtualization: true });
  });
});
