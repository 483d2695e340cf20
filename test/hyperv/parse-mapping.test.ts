import { describe, expect, it } from 'vitest';
import { HostFacts, type HypervHostFacts } from '../../src/core/model/index.js';
import { SECTIONS } from '../../connectors/hyperv/collector/document.js';
import { factsFrom, factsFromText, fixture, fixtureText, known } from './fixtures.js';

describe('Windows Server 2022 hardened host → HostFacts', () => {
  const facts: HypervHostFacts = factsFrom('ws2022-hardened');
  const doc = fixture('ws2022-hardened');

  it('is a valid HostFacts document with every section timed and no errors', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.platform).toBe('hyperv');
    expect(facts.collection.errors).toEqual([]);
    for (const name of SECTIONS) expect(facts.collection.sections[name]).toEqual({ ms: doc.timingsMs[name], ok: true });
    expect(facts.collection).toMatchObject({ connector: 'hyperv', protocol: 'ssh', serverTrust: 'known-hosts' });
  });

  it('maps identity and product, with the release and end of support from data/windows-builds.json', () => {
    expect(facts.identity).toEqual({
      name: 'hv-test',
      address: '192.0.2.10',
      hardwareVendor: 'Dell Inc.',
      hardwareModel: 'PowerEdge R750',
      systemUuid: '4C4C4544-0047-3510-8052-B4C04F4E3933',
      nested: false,
    });
    expect(facts.product).toEqual({
      name: 'Microsoft Windows Server 2022 Datacenter',
      version: '10.0.20348',
      build: '20348',
      patchLevel: '3207',
      releaseName: 'Windows Server 2022 (21H2)',
      endOfSupport: '2031-10-14',
      apiVersion: 'Windows PowerShell 5.1.20348.3207',
    });
  });

  it('reads CPU flags that a running hypervisor masks as masked, never as absent', () => {
    const v = facts.cpu.virtualization;
    expect(doc.cpu.processors[0].vmMonitorModeExtensions).toBe(false);
    expect(v).toMatchObject({
      extension: 'vt-x',
      presentInCpu: true,
      enabledInFirmware: true,
      hypervisorPresent: true,
      flagsMasked: true,
    });
    expect(known.bind(null, v.slat)).toThrow(/masked/);
    expect(v.evidence.join('\n')).toContain('HypervisorPresent=true');
    expect(facts.cpu).toMatchObject({ vendor: 'GenuineIntel', packages: 2, cores: 32, threads: 64 });
  });

  it('keeps firmware, drivers (all in the management OS) and agents recognised from the service list', () => {
    expect(facts.firmware).toEqual({ type: 'uefi', secureBoot: true, tpmPresent: true, tpmVersion: '2.0' });
    const drivers = known(facts.drivers);
    expect(drivers.map((d) => [d.name, d.kind, d.inHypervisor])).toEqual([
      ['Mellanox ConnectX-6 Dx Adapter', 'pnp', false],
      ['Dell HBA355i Front', 'pnp', false],
      ['mlx5', 'kernel', false],
    ]);
    expect(drivers[0]).toMatchObject({
      signer: 'Microsoft Windows Hardware Compatibility Publisher',
      signed: true,
      vendor: 'Mellanox Technologies Ltd.',
    });
    const agents = known(facts.agents);
    expect(agents.map((a) => [a.name, a.kind, a.scope])).toEqual([
      ['Microsoft Defender Antivirus', 'antivirus', 'management-os'],
      ['Microsoft Defender for Endpoint', 'edr', 'management-os'],
      ['Microsoft Monitoring Agent / SCOM', 'monitoring', 'management-os'],
    ]);
    expect(agents[2].evidence).toEqual(['service HealthService (Running, Auto) [service name unverified]']);
  });

  it('joins services to listening ports and marks non-loopback listeners exposed', () => {
    const services = known(facts.services);
    expect(services.find((s) => s.name === 'sshd')).toMatchObject({
      running: true,
      exposed: true,
      ports: [{ port: 22, protocol: 'tcp' }],
    });
    expect(services.find((s) => s.name === 'TermService')).toMatchObject({
      running: false,
      exposed: false,
      startupPolicy: 'Manual',
    });
  });

  it('maps the management-partition exposure', () => {
    const e = facts.exposure;
    expect(known(e.switches).map((s) => [s.name, s.switchType, s.allowManagementOS])).toEqual([
      ['vSwitch-VM', 'External', false],
      ['vSwitch-Backup', 'Internal', true],
    ]);
    expect(known(e.hostVnics)).toEqual([
      {
        name: 'vSwitch-Backup',
        switchName: 'vSwitch-Backup',
        vlanId: 30,
        vlan: { mode: 'Access', ids: [30], untagged: false },
        ips: ['172.16.30.21'],
      },
    ]);
    expect(known(e.rdp)).toEqual({ enabled: false, nla: true, port: 3389, securityLayer: 2 });
    expect(known(e.smb)).toEqual({ smb1Enabled: false, smb2Enabled: true, requireSigning: true, encryptData: true });
    const winrm = known(e.winrm);
    expect(winrm.listeners).toEqual([
      {
        transport: 'HTTPS',
        address: '*',
        port: 5986,
        enabled: true,
        certificateThumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
        source: 'local',
      },
    ]);
    expect(winrm.auth).toMatchObject({ basic: false, credSSP: false, negotiate: true, cbtHardeningLevel: 'Strict' });
    expect(known(e.domain)).toEqual({ partOfDomain: true, domain: 'contoso.local', role: 3 });
    expect(known(e.groups)).toEqual({
      administrators: ['HV22-01\\Administrator', 'CONTOSO\\Domain Admins'],
      hypervAdministrators: [],
      remoteManagementUsers: [],
    });
    expect(known(e.firewallProfiles).every((p) => p.enabled && p.defaultInboundAction === 'Block')).toBe(true);
  });

  it('maps Hyper-V details and VMs', () => {
    const h = facts.hyperv;
    expect(h.privilege).toEqual({
      user: 'CONTOSO\\svc-hvscan',
      isAdmin: true,
      psVersion: '5.1.20348.3207',
      languageMode: 'FullLanguage',
    });
    expect(h.os).toMatchObject({ build: 20348, ubr: 3207, displayVersion: '21H2', installationType: 'Server Core' });
    expect(h.role).toEqual({ hypervInstalled: true, vmms: { state: 'Running', startMode: 'Auto' } });
    expect(known(h.migration)).toEqual({
      enabled: true,
      authenticationType: 'Kerberos',
      useAnyNetwork: false,
      networks: ['10.20.30.0/24'],
    });
    expect(known(h.deviceGuard)).toEqual({
      vbsStatus: 2,
      servicesConfigured: [1, 2],
      servicesRunning: [1, 2],
      codeIntegrityPolicyEnforcement: 2,
    });
    expect(known(h.defender)).toMatchObject({
      installed: true,
      realTimeProtection: true,
      exclusions: { processes: ['vmms.exe', 'vmwp.exe', 'vmsp.exe', 'vmcompute.exe'] },
    });
    expect(known(h.settings).LmCompatibilityLevel).toBe(5);
    const vms = known(facts.vms);
    expect(vms.count).toBe(3);
    expect(vms.items[0]).toMatchObject({
      name: 'DC01',
      powerState: 'Running',
      generation: 2,
      firmware: 'uefi',
      secureBoot: true,
      vtpm: true,
      shielded: false,
      nestedVirtualization: false,
      passthroughDevices: 0,
      checkpoints: 0,
    });
    expect(vms.items[0].integrationServices).toContainEqual({ name: 'Guest Service Interface', enabled: false });
  });
});

describe('AMD host', () => {
  it('takes hvax64.exe as the hypervisor image and AMD-V as the extension', () => {
    const doc = fixture('ws2022-hardened');
    for (const p of doc.cpu.processors) p.manufacturer = 'AuthenticAMD';
    const facts = factsFrom(doc);
    expect(known(facts.footprint.hypervisorCode).counted[0].item).toMatch(/hvax64\.exe$/);
    expect(known(facts.hyperv.hypervisorBinary)).toEqual({
      name: 'hvax64.exe',
      version: '10.0.20348.3207',
      size: 2011648,
    });
    expect(facts.cpu.virtualization.extension).toBe('amd-v');
  });
});

describe('host without a running hypervisor', () => {
  it('reads the CPU flags as they are (false is false here) and unmasked', () => {
    const doc = fixture('ws2022-hardened');
    doc.cpu.hypervisorPresent = false;
    for (const p of doc.cpu.processors)
      Object.assign(p, { vmMonitorModeExtensions: true, virtualizationFirmwareEnabled: false, slat: true });
    expect(factsFrom(doc).cpu.virtualization).toMatchObject({
      presentInCpu: true,
      enabledInFirmware: false,
      slat: true,
      hypervisorPresent: false,
      flagsMasked: false,
    });
  });

  it('keeps a false flag unknown when HypervisorPresent itself is unknown (it may be masked)', () => {
    const doc = fixture('ws2022-hardened');
    doc.cpu.hypervisorPresent = null;
    const v = factsFrom(doc).cpu.virtualization;
    expect(v.presentInCpu).toMatchObject({ unknown: true, reason: expect.stringMatching(/may be masked/) });
    expect(v.flagsMasked).toMatchObject({ unknown: true });
  });
});

describe('BitLocker volume whose protection state is unknown', () => {
  it('is unknown, not "protection off" (a locked volume reports ProtectionStatus Unknown, enum value 2)', () => {
    for (const status of ['Unknown', 2]) {
      const doc = fixture('ws2022-hardened');
      doc.bitlocker.volumes[1].protectionStatus = status;
      expect(factsFrom(doc).hyperv.bitlocker).toEqual({
        unknown: true,
        reason: 'BitLocker volume D: reports ProtectionStatus=Unknown',
      });
    }
  });
});

describe('VM network adapters and release data', () => {
  it('lists each VM NIC with its guards and VLAN (null = untagged)', () => {
    const risky = factsFromText(fixtureText('data/lab/hyperv/ws2022-risky.json'));
    expect(known(risky.hyperv.vmNetworkAdapters!)[0]).toEqual({
      vm: 'LEGACY-SQL',
      switchName: 'External',
      macAddressSpoofing: true,
      dhcpGuard: false,
      routerGuard: false,
      portMirroring: 'None',
      vlanId: null,
      vlan: { mode: 'Untagged', ids: [], untagged: true },
    });
    // A trunk carries its allowed VLANs, and untagged frames when its native VLAN is 0.
    expect(known(risky.hyperv.vmNetworkAdapters!)[1]).toMatchObject({
      vm: 'LAB-NESTED',
      portMirroring: 'Destination',
      vlanId: null,
      vlan: { mode: 'Trunk', ids: [10, 20, 30], untagged: true, nativeVlanId: 0 },
    });
    const hardened = factsFrom('ws2022-hardened');
    expect(known(hardened.hyperv.vmNetworkAdapters!).map((a) => a.vlanId)).toEqual([100, 100, 100]);
    expect(hardened.hyperv.releaseDataUnverified).toBeUndefined();
  });

  it('marks a release whose build-table entry is unverified', () => {
    const facts = factsFromText(fixtureText('data/lab/hyperv/ws2025-hardened.json'));
    expect(facts.hyperv.releaseDataUnverified).toBe(true);
    expect(facts.product.endOfSupport).toBe('2034-11-14');
  });
});

describe('PowerShell edition', () => {
  it('names PowerShell 7 apart from Windows PowerShell', () => {
    const doc = fixture('ws2022-hardened');
    doc.psVersion = '7.4.6';
    expect(factsFrom(doc).product.apiVersion).toBe('PowerShell 7.4.6');
    expect(factsFrom('ws2012r2-ps4-quirks').product.apiVersion).toBe('Windows PowerShell 4.0');
  });
});
