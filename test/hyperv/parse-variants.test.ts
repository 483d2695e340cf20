import { describe, expect, it } from 'vitest';
import { HostFacts } from '../../src/core/model/index.js';
import { factsFrom, fixture, fixtureText, known, reason } from './fixtures.js';

describe('Server 2012 R2 on Windows PowerShell 4.0, with ConvertTo-Json quirks', () => {
  const facts = factsFrom('ws2012r2-ps4-quirks');

  it('the fixture really carries the quirks', () => {
    const text = fixtureText('test/fixtures/hyperv/ws2012r2-ps4-quirks.json');
    expect(text).toContain('"\\/Date(1762137600000)\\/"');
    expect(text).toMatch(/"items": \{\s+"value": \[/);
    expect(text).toMatch(/"switchType": 2,/);
  });

  it('is valid HostFacts', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.collection.errors).toEqual([]);
  });

  it('turns \\/Date(ms)\\/ into ISO dates and takes the patch level from ntoskrnl.exe when UBR is absent', () => {
    expect(facts.hyperv.os.lastBoot).toBe(new Date(1762137600000).toISOString());
    expect(facts.hyperv.os.ubr).toBe(21620);
    expect(facts.product).toMatchObject({
      patchLevel: '21620',
      releaseName: 'Windows Server 2012 R2',
      endOfSupport: '2023-10-10',
      build: '9600',
    });
    expect(known(facts.drivers)[0].installDate).toBe(new Date(1400000000000).toISOString());
  });

  it('unwraps single-item arrays and {value, Count} wrappers', () => {
    expect(known(facts.exposure.switches)).toHaveLength(1);
    expect(known(facts.exposure.hostVnics)).toEqual([
      {
        name: 'Management',
        switchName: 'vSwitch-VM',
        vlanId: 20,
        vlan: { mode: 'Access', ids: [20], untagged: false },
        ips: ['10.1.1.12'],
      },
    ]);
    expect(known(facts.exposure.groups)).toEqual({
      administrators: ['HV12-01\\Administrator'],
      hypervAdministrators: [],
      remoteManagementUsers: [],
    });
    expect(known(facts.hyperv.migration).networks).toEqual(['10.1.2.0/24']);
    expect(known(facts.vms).items[0].integrationServices).toEqual([{ name: 'Heartbeat', enabled: true }]);
  });

  it('names integer enums and reads "True"/"False" strings as booleans', () => {
    expect(known(facts.exposure.switches)[0]).toMatchObject({ switchType: 'External', allowManagementOS: false });
    expect(known(facts.exposure.firewallProfiles)[0]).toEqual({
      name: 'Domain',
      enabled: true,
      defaultInboundAction: 'Block',
    });
    expect(known(facts.hyperv.migration).authenticationType).toBe('CredSSP');
    expect(known(facts.hyperv.replica).authenticationType).toBe('Kerberos');
    expect(known(facts.hyperv.features)[0]).toMatchObject({ name: 'Hyper-V', type: 'Role' });
    expect(known(facts.exposure.winrm)).toMatchObject({
      allowUnencrypted: false,
      auth: { basic: false, kerberos: true },
      listeners: [{ transport: 'HTTP', port: 5985, enabled: true }],
    });
    const [file01, web01] = known(facts.vms).items;
    expect(file01).toMatchObject({ powerState: 'Running', generation: 1, firmware: 'bios', secureBoot: false });
    expect(web01).toMatchObject({ powerState: 'Saved', generation: 2, secureBoot: true });
  });

  it('records what 2012 R2 lacks as facts where its absence is a fact', () => {
    expect(known(facts.hyperv.deviceGuard)).toEqual({ vbsStatus: 0, servicesConfigured: [], servicesRunning: [] });
    expect(facts.firmware).toEqual({ type: 'bios', secureBoot: false, tpmPresent: false, tpmVersion: null });
    expect(known(facts.hyperv.bitlocker)).toEqual([
      {
        mountPoint: 'C:',
        protectionOn: false,
        volumeStatus: 'BitLocker feature not installed',
        encryptionPercentage: 0,
      },
      {
        mountPoint: 'D:',
        protectionOn: false,
        volumeStatus: 'BitLocker feature not installed',
        encryptionPercentage: 0,
      },
    ]);
    expect(known(facts.hyperv.defender)).toEqual({
      installed: false,
      exclusions: { unknown: true, reason: 'Microsoft Defender is not installed' },
    });
    // No vTPM, shielding, nesting or DDA exists before 2016: the missing cmdlets mean "off", not "unknown".
    expect(known(facts.vms).items[1]).toMatchObject({
      vtpm: false,
      shielded: false,
      nestedVirtualization: false,
      passthroughDevices: 0,
    });
    expect(known(facts.exposure.sshd)).toEqual({ installed: false, running: false });
    expect(known(facts.agents).map((a) => a.name)).toEqual(['Microsoft Monitoring Agent / SCOM', 'ESET Security']);
  });
});

describe('Server 2016 scanned without elevation', () => {
  const facts = factsFrom('ws2016-nonadmin');

  it('is valid HostFacts and records isAdmin false', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(facts.hyperv.privilege.isAdmin).toBe(false);
  });

  it('turns admin-only failures into unknown("requires administrator") with the host message', () => {
    for (const value of [
      facts.hyperv.migration,
      facts.hyperv.replica,
      facts.exposure.switches,
      facts.exposure.hostVnics,
      facts.firmware.tpmPresent,
      facts.firmware.tpmVersion,
      facts.exposure.winrm,
    ]) {
      expect(reason(value)).toMatch(/^requires administrator/);
    }
    expect(reason(facts.hyperv.migration)).toContain('You do not have the required permission');
  });

  it('reads an empty VM list, empty BitLocker list and hidden Defender exclusions as unknown, not as none', () => {
    expect(reason(facts.vms)).toMatch(/^requires administrator.*Get-VM returned no VMs/);
    expect(reason(facts.hyperv.bitlocker)).toMatch(/^requires administrator/);
    expect(reason(known(facts.hyperv.defender).exclusions)).toMatch(/^requires administrator/);
  });

  it('keeps what a non-admin can read, including Secure Boot from the registry fallback', () => {
    expect(facts.firmware).toMatchObject({ type: 'uefi', secureBoot: true });
    expect(known(facts.services).length).toBeGreaterThan(0);
    expect(known(facts.exposure.rdp).enabled).toBe(false);
  });

  it('keeps the per-section errors with their section and FullyQualifiedErrorId', () => {
    expect(facts.collection.errors).toContainEqual({
      step: 'hypervHost',
      section: 'hypervHost',
      message:
        "You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HV16-01'.",
      code: 'Unspecified,Microsoft.HyperV.PowerShell.Commands.GetVMHost',
    });
    expect(facts.collection.errors).toHaveLength(8);
    expect(facts.collection.sections.hypervHost.ok).toBe(false);
    expect(facts.collection.sections.os.ok).toBe(true);
  });
});

describe('Server 2019 with a partial collection', () => {
  const facts = factsFrom('ws2019-partial');

  it('keeps every other section when some failed, one had wrong types and one is missing', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(known(facts.vms).count).toBe(3);
    expect(known(facts.hyperv.migration).enabled).toBe(true);
    expect(facts.product.releaseName).toBe('Windows Server 2019 (1809)');
  });

  it('explains each gap', () => {
    expect(reason(facts.drivers)).toBe('section drivers failed: Quota violation ');
    expect(reason(facts.exposure.listening)).toMatch(/Get-NetTCPConnection' is not recognized/);
    expect(reason(known(facts.services)[0].exposed)).toMatch(/section listening failed/);
    expect(reason(facts.exposure.smb)).toMatch(/Invalid class/);
    expect(reason(facts.cpu.cores)).toMatch(/section cpu has unexpected types: processors\.1\.cores/);
    expect(reason(facts.cpu.virtualization.presentInCpu)).toMatch(/section cpu/);
    expect(reason(facts.exposure.sshd)).toMatch(/did not produce this section/);
  });

  it('lists the collector-reported errors under their section and the rejected ones under step parse', () => {
    const steps = facts.collection.errors.map((e) => `${e.step}:${e.section}`);
    expect(steps).toEqual(['drivers:drivers', 'listening:listening', 'smb:smb', 'parse:cpu', 'parse:sshd']);
    expect(facts.collection.sections.cpu.ok).toBe(false);
    expect(facts.collection.sections.sshd).toEqual({ ms: 0, ok: false });
  });
});

describe('Server 2025 with hostile strings', () => {
  const facts = factsFrom('ws2025-hostile');

  it('keeps markup, ANSI escapes, control characters and very long strings byte for byte, as data', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
    expect(known(facts.vms).items.map((v) => v.name)).toEqual([
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(document.cookie)>',
      '\u001b[31mRED\u001b[0m\u0007\u202eexe.txt',
    ]);
    const long = known(facts.hyperv.software).find((s) => s.name.length === 20000);
    expect(long).toMatchObject({ version: '${process.exit(1)}', publisher: '{{constructor.constructor("x")()}}' });
    expect(known(facts.services).find((s) => s.name === 'evil')?.label).toBe('</td><td onmouseover=alert(1)>');
    expect(known(facts.exposure.groups).administrators).toContain("'; DROP TABLE hosts;--");
    expect(known(facts.exposure.groups).administrators).toContain('\u0000nul\u0000');
    expect(facts.identity.hardwareModel).toBe('<b>Virtual</b> Machine');
  });

  it('does not let a "__proto__" key supply values (isAdmin stays unreported, not true)', () => {
    expect(reason(facts.hyperv.privilege.isAdmin)).toBe('elevation not reported');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('VM security facts on 2016 and later', () => {
  it('stay unknown when the cmdlets that exist there did not answer', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    Object.assign(doc.vms.items[0], {
      tpmEnabled: null,
      shielded: null,
      nested: null,
      assignableDevices: null,
      checkpointCount: null,
    });
    const vm = known(factsFrom(doc).vms).items[0];
    expect(reason(vm.vtpm)).toBe('Get-VMSecurity did not answer');
    expect(reason(vm.nestedVirtualization)).toMatch(/ExposeVirtualizationExtensions/);
    expect(reason(vm.passthroughDevices)).toBe('Get-VMAssignableDevice did not answer');
    expect(reason(vm.checkpoints)).toBe('Get-VMSnapshot did not answer');
  });

  it('leave Secure Boot unknown, not absent, when Get-VM gave no generation (Generation 1 has none: false)', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    Object.assign(doc.vms.items[0], { generation: null });
    const vm = known(factsFrom(doc).vms).items[0];
    expect(reason(vm.secureBoot)).toMatch(/did not report the VM generation/);
  });
});

describe('VM network adapters the collector could not fully read', () => {
  const adapterOf = (vm: string, changes: Record<string, unknown>) => {
    const doc = fixture('ws2022-hardened');
    const item = doc.vms.items.find((v: { name: string }) => v.name === vm);
    Object.assign(item.adapters[0], changes);
    return known(factsFrom(doc).hyperv.vmNetworkAdapters).find((a) => a.vm === vm)!;
  };

  it('a guard, mirroring mode or VLAN mode missing or outside its enum is unknown naming the VM, switch and value', () => {
    // Before, onOff() turned these into a missing field: the rules said only "not reported for every adapter".
    const a = adapterOf('DC01', {
      macSpoofing: null,
      dhcpGuard: 'Enabled',
      routerGuard: 3,
      portMirroring: 7,
      vlanMode: null,
    });
    const port = 'the adapter of VM "DC01" on switch "vSwitch-VM"';
    expect(reason(a.macAddressSpoofing)).toBe(`Get-VMNetworkAdapter gave no MacAddressSpoofing for ${port}`);
    expect(reason(a.dhcpGuard)).toBe(`Get-VMNetworkAdapter gave DhcpGuard "Enabled" for ${port}, neither On nor Off`);
    // An integer outside OnOffState (0 On, 1 Off) stays visible as its number.
    expect(reason(a.routerGuard)).toBe(`Get-VMNetworkAdapter gave RouterGuard "3" for ${port}, neither On nor Off`);
    expect(reason(a.portMirroring)).toBe(
      `Get-VMNetworkAdapter gave PortMirroringMode "7" for ${port}, none of None, Source, Destination`,
    );
    expect(reason(a.vlan)).toBe(`Get-VMNetworkAdapterVlan gave no OperationMode for ${port}`);
  });

  it('a VM whose Get-VMNetworkAdapter failed is listed as unread with the message, the other VMs kept', () => {
    // Before, its adapters were just missing: the rules passed without having read that VM.
    const doc = fixture('ws2022-hardened');
    const [first, ...others] = doc.vms.items as Array<{ name: string; adapters: unknown[]; adaptersError?: string }>;
    const message =
      'Get-VMNetworkAdapter: The operation cannot be performed while the virtual machine is in its current state.';
    Object.assign(first!, { adapters: [], adaptersError: message, error: message });
    const hyperv = factsFrom(doc).hyperv;
    expect(hyperv.vmNetworkAdaptersUnread).toEqual([{ vm: first!.name, reason: message }]);
    const vms = known(hyperv.vmNetworkAdapters).map((a) => a.vm);
    expect(vms).not.toContain(first!.name);
    expect(new Set(vms)).toEqual(new Set(others.filter((v) => v.adapters.length > 0).map((v) => v.name)));
  });

  it('every VM adapter read: no VM is listed as unread', () => {
    expect(factsFrom(fixture('ws2022-hardened')).hyperv.vmNetworkAdaptersUnread).toEqual([]);
  });

  it('an enum integer is read by its name (OnOffState 1 = Off, PortMirroringMode 1 = Destination)', () => {
    const a = adapterOf('DC01', { macSpoofing: 1, portMirroring: 1 });
    expect([a.macAddressSpoofing, a.portMirroring]).toEqual([false, 'Destination']);
  });

  it('an adapter not connected to a switch has no switch name, not an empty one', () => {
    // Before, SwitchName null became switchName "" and rules read it as a switch named "".
    const a = adapterOf('DC01', { switchName: null, vlanMode: 'Banana' });
    expect(a).not.toHaveProperty('switchName');
    expect(reason(a.vlan)).toBe(
      'Get-VMNetworkAdapterVlan gave OperationMode "Banana" for the adapter of VM "DC01" not connected to a switch, none of Untagged, Access, Trunk, Private',
    );
  });
});

describe('NDIS bindings that cannot be placed', () => {
  it('are unknown naming what is missing instead of a switch or adapter named ""', () => {
    const withoutNames = (changes: Record<string, unknown>) => {
      const doc = fixture('ws2022-hardened');
      Object.assign(doc.netFilters.items[0], changes);
      return factsFrom(doc).hyperv.netFilters;
    };
    expect(reason(withoutNames({ switchName: null }))).toBe('Get-VMSwitch gave no Name for an external switch');
    expect(reason(withoutNames({ adapter: null, description: null }))).toBe(
      'Get-NetAdapter gave neither Name nor InterfaceDescription for an adapter of external switch "vSwitch-VM"',
    );
    // The description names the NIC when its name is missing.
    expect(known(withoutNames({ adapter: null }))[0]!.adapter).toBe(
      fixture('ws2022-hardened').netFilters.items[0].description,
    );
  });
});

describe('a service without a start mode', () => {
  it('has its startup policy unknown with the reason, not absent', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.services.items[0].startMode = null;
    const service = known(factsFrom(doc).services).find((s) => s.name === doc.services.items[0].name)!;
    expect(reason(service.startupPolicy)).toBe('Win32_Service.StartMode was empty');
  });
});

describe('a VM that failed as a whole', () => {
  it('stays in the list with its error and unknown security facts', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.vms.items.push({ name: 'GONE', error: "Hyper-V was unable to find a virtual machine with name 'GONE'." });
    const vms = known(factsFrom(doc).vms);
    expect(vms.count).toBe(4);
    expect(vms.items[3]).toMatchObject({
      name: 'GONE',
      error: "Hyper-V was unable to find a virtual machine with name 'GONE'.",
      integrationServices: [],
    });
    expect(reason(vms.items[3].vtpm)).toBe('Get-VMSecurity did not answer');
  });
});

describe('Defender beside a third-party EDR', () => {
  it('a failed Get-MpComputerStatus leaves each status value unknown with its error, not absent', () => {
    // 0x800106ba: the Defender service is not running beside another product (Microsoft Learn, "Troubleshoot Microsoft Defender Antivirus").
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    for (const key of [
      'antivirusEnabled',
      'realTimeProtection',
      'runningMode',
      'signatureAgeDays',
      'signatureLastUpdated',
      'tamperProtected',
    ])
      doc.defender[key] = null;
    doc.defender.statusError = '0x800106ba';
    doc.defender.preferences = null;
    doc.defender.preferencesError = 'Access denied';
    const defender = known(factsFrom(doc).hyperv.defender);
    for (const value of [
      defender.realTimeProtection,
      defender.runningMode,
      defender.signatureAgeDays,
      defender.antivirusEnabled,
      defender.tamperProtected,
      defender.signatureLastUpdated,
    ]) {
      expect(reason(value)).toBe('Get-MpComputerStatus failed: 0x800106ba');
    }
    expect(reason(defender.disableAutoExclusions)).toBe('Get-MpPreference failed: Access denied');
  });
});

describe('Defender on a platform older than IsTamperProtected', () => {
  it('tamper protection is unknown naming the property and the platform, not absent', () => {
    // Server 2016's in-box Defender: MSFT_MpComputerStatus (Learn) and the winserver2016-ps Get-MpComputerStatus
    // example have no IsTamperProtected, so the collector's Bool $status.IsTamperProtected is null.
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2016-nonadmin.json'));
    doc.defender.productVersion = '4.10.14393.0';
    doc.defender.tamperProtected = null;
    const defender = known(factsFrom(doc).hyperv.defender);
    expect(reason(defender.tamperProtected)).toBe(
      "Get-MpComputerStatus gave no IsTamperProtected (Defender platform 4.10.14393.0: older platforms, such as Windows Server 2016's in-box one before its 4.18 updates, do not have it)",
    );
    expect(defender.realTimeProtection).toBe(true);
  });
});

describe('flags a cmdlet left null', () => {
  it('are unknown with what was not reported, not false', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.switches.items[0].extensions[0].enabled = null;
    doc.winrm.auth.basic = null;
    delete doc.winrm.auth.credSSP;
    doc.vms.items[0].integration[1].enabled = null;
    const facts = factsFrom(doc);
    const extension = known(known(facts.exposure.switches)[0]!.extensions)[0]!;
    expect(reason(extension.enabled)).toBe(
      'Get-VMSwitchExtension gave no Enabled for extension "Microsoft Windows Filtering Platform" on switch "vSwitch-VM"',
    );
    const auth = known(facts.exposure.winrm).auth;
    expect(reason(auth.basic)).toBe('WSMan:\\localhost\\Service\\Auth\\Basic not reported');
    expect(reason(auth.credSSP)).toBe('WSMan:\\localhost\\Service\\Auth\\CredSSP not reported');
    expect(auth.kerberos).toBe(true);
    const heartbeat = known(facts.vms).items[0]!.integrationServices![1]!;
    expect(heartbeat.name).toBe('Heartbeat');
    expect(reason(heartbeat.enabled)).toBe('Get-VMIntegrationService gave no Enabled for "Heartbeat"');
  });
});

describe('RDP, SMB and firewall values the collector did not get', () => {
  const RDP_TCP = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';

  it('an absent RDP-Tcp PortNumber / SecurityLayer is unknown saying so, never 3389 / Negotiate', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.rdp.port = null;
    doc.rdp.securityLayer = null;
    const rdp = known(factsFrom(doc).exposure.rdp);
    expect(reason(rdp.port)).toBe(`${RDP_TCP}\\PortNumber is absent (3389 is not assumed)`);
    expect(reason(rdp.securityLayer)).toBe(
      `SecurityLayer is set neither by policy nor in ${RDP_TCP} (the Negotiate default is not assumed)`,
    );
  });

  it('an unreadable SecurityLayer policy value makes the layer unknown with the error, though the local one was read', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    const error =
      'registry value not readable: HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\SecurityLayer: Requested registry access is not allowed.';
    doc.readErrors = { rdp: { SecurityLayer: error } };
    doc.rdp.securityLayer = 2; // the local value the collector fell back to
    const rdp = known(factsFrom(doc).exposure.rdp);
    expect(rdp.securityLayer).toEqual({ unknown: true, reason: error });
    expect(rdp.port).toBe(3389);
  });

  it('a Get-SmbServerConfiguration value left out is unknown naming the property, not absent', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.smb.enableSMB2 = null;
    delete doc.smb.requireSigning;
    doc.smb.encryptData = null;
    const smb = known(factsFrom(doc).exposure.smb);
    expect(smb.smb1Enabled).toBe(false);
    expect(reason(smb.smb2Enabled)).toBe('Get-SmbServerConfiguration gave no EnableSMB2Protocol');
    expect(reason(smb.requireSigning)).toBe('Get-SmbServerConfiguration gave no RequireSecuritySignature');
    expect(reason(smb.encryptData)).toBe('Get-SmbServerConfiguration gave no EncryptData');
  });

  it('a firewall profile without DefaultInboundAction has it unknown; NotConfigured (integer 0) is kept as reported', () => {
    const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    doc.firewall.profiles[0].defaultInboundAction = null;
    doc.firewall.profiles[1].defaultInboundAction = 0; // NET_FW_ACTION as ConvertTo-Json may give it
    const [first, second] = known(factsFrom(doc).exposure.firewallProfiles);
    expect(reason(first!.defaultInboundAction)).toBe(
      `Get-NetFirewallProfile gave no DefaultInboundAction for profile ${first!.name}`,
    );
    expect(second!.defaultInboundAction).toBe('NotConfigured');
  });
});

describe('WinRM values WSMan did not report', () => {
  const wsmanDoc = () => JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));

  it('are unknown naming what is missing, never a default port, state, origin or an HTTPS listener without certificate', () => {
    const doc = wsmanDoc();
    Object.assign(doc.winrm.listeners[0], { port: null, enabled: null, source: null, certificateThumbprint: '' });
    doc.winrm.auth.cbtHardeningLevel = null;
    const winrm = known(factsFrom(doc).exposure.winrm);
    const [https] = known(winrm.listeners);
    expect(https).toMatchObject({ transport: 'HTTPS', address: '*' });
    expect(reason(https!.port)).toBe('Get-WSManInstance winrm/config/listener gave no Port for listener *+HTTPS');
    expect(reason(https!.enabled)).toBe('Get-WSManInstance winrm/config/listener gave no Enabled for listener *+HTTPS');
    expect(reason(https!.certificateThumbprint)).toBe(
      'Get-WSManInstance winrm/config/listener gave no CertificateThumbprint for HTTPS listener *+HTTPS',
    );
    expect(reason(https!.source)).toBe(
      'Get-WSManInstance winrm/config/listener did not say whether Group Policy created listener *+HTTPS',
    );
    expect(reason(winrm.auth.cbtHardeningLevel)).toBe(
      'WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel not reported',
    );
  });

  it('a collector document without source, client settings, policy or provenance leaves each unknown, the rest kept', () => {
    const doc = wsmanDoc();
    for (const key of ['source', 'clientAuth', 'policy', 'sources']) delete doc.winrm[key];
    const winrm = known(factsFrom(doc).exposure.winrm);
    expect(reason(winrm.source)).toBe('the collector did not say whether it read WSMan or the registry');
    expect(reason(winrm.clientAuth)).toBe(
      'the collector did not report the WinRM client settings (winrm/config/client/auth)',
    );
    expect(reason(winrm.policy)).toBe(
      'the collector did not report the WinRM Group Policy values (HKLM\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Service and \\Client)',
    );
    expect(reason(winrm.sources)).toBe('the collector did not report where each WSMan value came from');
    expect(winrm.auth.basic).toBe(false);
  });

  it('Group Policy values and listeners come through with their origin', () => {
    const winrm = known(factsFrom(wsmanDoc()).exposure.winrm);
    expect(winrm.source).toBe('WSMan');
    expect(winrm.policy).toEqual({ allowBasic: false, allowUnencrypted: false });
    expect(winrm.sources).toMatchObject({
      AllowUnencrypted: 'policy',
      'Auth/Basic': 'policy',
      'Auth/CredSSP': 'local',
    });
    expect(known(winrm.listeners)[0]).toMatchObject({ port: 5986, enabled: true, source: 'local' });
  });

  it('a listener without its transport makes the listener list unknown', () => {
    const doc = wsmanDoc();
    doc.winrm.listeners[0].transport = null;
    expect(reason(known(factsFrom(doc).exposure.winrm).listeners)).toBe(
      'the collector reported a WinRM listener without Transport (address and transport name a listener)',
    );
  });
});

describe('registry values the collector could not read (readErrors)', () => {
  // As the collector's RegValue records them: the whole message, naming the value.
  const denied = (what: string) => `registry value not readable: ${what}: Requested registry access is not allowed.`;
  const doc = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
  doc.readErrors = {
    settings: { LmCompatibilityLevel: denied('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel') },
    rdp: {
      fDenyTSConnections: denied(
        'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\fDenyTSConnections',
      ),
    },
    winrm: { AllowBasic: denied('HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service\\AllowBasic') },
    os: { EditionID: denied('HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\EditionID') },
  };
  doc.settings.values.LmCompatibilityLevel = null;
  doc.settings.values['CredSSP.AllowFreshCredentials'] = null;
  doc.rdp.denyConnections = 1; // the local value the collector fell back to
  delete doc.winrm.policy.allowBasic;
  doc.os.editionId = null;
  const facts = factsFrom(doc);

  it('are unknown with the error, while an absent value stays null ("not set")', () => {
    const settings = known(facts.hyperv.settings);
    expect(reason(settings.LmCompatibilityLevel)).toBe(
      denied('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel'),
    );
    expect(settings['CredSSP.AllowFreshCredentials']).toBeNull();
    expect(reason(facts.exposure.rdp)).toMatch(
      /^registry value not readable: .*fDenyTSConnections: Requested registry access/,
    );
    expect(reason(known(known(facts.exposure.winrm).policy).allowBasic)).toMatch(
      /WinRM\\Service\\AllowBasic: Requested registry access/,
    );
    expect(known(known(facts.exposure.winrm).policy).allowUnencrypted).toBe(false);
    expect(reason(facts.hyperv.os.editionId)).toMatch(/EditionID: Requested registry access/);
  });

  it('are listed as collection errors of their section', () => {
    expect(facts.collection.errors).toEqual(
      expect.arrayContaining([
        {
          step: 'collect',
          section: 'settings',
          message: denied('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel'),
        },
        expect.objectContaining({ step: 'collect', section: 'rdp' }),
      ]),
    );
  });

  it("make a list the collector could not read whole unknown: installed software, listening ports, a switch's extensions", () => {
    const partial = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    const switchName = partial.switches.items[0].name as string;
    partial.readErrors = {
      software: { uninstall: 'Uninstall registry keys not readable: Requested registry access is not allowed.' },
      listening: { tcp: 'Get-NetTCPConnection failed: Access denied' },
      switches: { [`extensions:${switchName}`]: `Get-VMSwitchExtension failed on switch ${switchName}: Access denied` },
    };
    const f = factsFrom(partial);
    expect(reason(f.hyperv.software)).toBe(
      'Uninstall registry keys not readable: Requested registry access is not allowed.',
    );
    expect(reason(f.exposure.listening)).toBe('Get-NetTCPConnection failed: Access denied');
    for (const service of known(f.services))
      expect(reason(service.exposed)).toBe('Get-NetTCPConnection failed: Access denied');
    const sw = known(f.exposure.switches).find((s) => s.name === switchName)!;
    expect(sw.extensions).toEqual({
      unknown: true,
      reason: `Get-VMSwitchExtension failed on switch ${switchName}: Access denied`,
    });
    expect(f.collection.errors).toEqual(
      expect.arrayContaining([
        { step: 'collect', section: 'listening', message: 'Get-NetTCPConnection failed: Access denied' },
      ]),
    );
    // Without the errors the same document lists them.
    const whole = factsFrom(JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json')));
    expect(Array.isArray(whole.hyperv.software) && Array.isArray(whole.exposure.listening)).toBe(true);
    expect(known(whole.exposure.switches).find((s) => s.name === switchName)!.extensions).toBeDefined();
  });

  it('ignore a readErrors entry of the wrong shape', () => {
    const odd = JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));
    odd.readErrors = { settings: 'denied', rdp: { fDenyTSConnections: 5 } };
    const f = factsFrom(odd);
    expect(known(f.exposure.rdp).enabled).toBe(false);
  });
});

describe('values the collector left out of a host section (issue 13: unknown with the reason, never absent)', () => {
  const hardened = () => JSON.parse(fixtureText('test/fixtures/hyperv/ws2022-hardened.json'));

  it('a listening port whose PID Win32_Process did not list has its process unknown, naming the PID and its services', () => {
    const doc = hardened();
    doc.listening.items[1].process = null;
    doc.listening.items[2].process = null;
    doc.listening.items[2].service = null;
    const [system, sshd, vmms] = known(factsFrom(doc).exposure.listening);
    expect(system!.process).toBe('System');
    expect(reason(sshd!.process)).toBe(
      'no process with PID 2900 (hosting sshd) in Win32_Process (read just before Get-NetTCPConnection): it started or exited in between',
    );
    expect(reason(vmms!.process)).toMatch(/^no process with PID 2412 in Win32_Process/);
    // Before, the first read "? (sshd)" and the second was left out.
    expect(known(factsFrom(hardened()).exposure.listening)[1]!.process).toBe('sshd.exe (sshd)');
  });

  it('a domain role Win32_ComputerSystem did not give, or outside 0 to 5, is unknown', () => {
    const doc = hardened();
    doc.computer.domainRole = null;
    expect(reason(known(factsFrom(doc).exposure.domain).role)).toBe('Win32_ComputerSystem gave no DomainRole');
    doc.computer.domainRole = 9;
    expect(reason(known(factsFrom(doc).exposure.domain).role)).toBe(
      'Win32_ComputerSystem.DomainRole 9 is none of 0 to 5',
    );
  });

  it('Remote Management Users that the collector could not find by SID are unknown, not "no members"', () => {
    const doc = hardened();
    doc.readErrors = { groups: { remoteManagementUsers: 'Win32_Group has no local group with SID S-1-5-32-580' } };
    const groups = known(factsFrom(doc).exposure.groups);
    expect(reason(groups.remoteManagementUsers)).toBe('Win32_Group has no local group with SID S-1-5-32-580');
    expect(groups.administrators).toEqual(['HV22-01\\Administrator', 'CONTOSO\\Domain Admins']);
  });

  it('code integrity enforcement Win32_DeviceGuard did not give is unknown (on 2016 and later, where the class exists)', () => {
    const doc = hardened();
    doc.deviceGuard.ciPolicyEnforcement = null;
    expect(reason(known(factsFrom(doc).hyperv.deviceGuard).codeIntegrityPolicyEnforcement)).toBe(
      'Win32_DeviceGuard gave no CodeIntegrityPolicyEnforcementStatus',
    );
  });

  it('a BitLocker volume status or percentage not given is unknown, naming the source and the volume', () => {
    const doc = hardened();
    doc.bitlocker.volumes[1].volumeStatus = null;
    doc.bitlocker.volumes[1].encryptionPercentage = null;
    const [c, d] = known(factsFrom(doc).hyperv.bitlocker);
    expect(c).toEqual({
      mountPoint: 'C:',
      protectionOn: true,
      volumeStatus: 'FullyEncrypted',
      encryptionPercentage: 100,
    });
    expect(reason(d!.volumeStatus)).toBe('Get-BitLockerVolume gave no VolumeStatus for volume D:');
    expect(reason(d!.encryptionPercentage)).toBe('Get-BitLockerVolume gave no EncryptionPercentage for volume D:');
    // Server Core without the BitLocker cmdlets: Win32_EncryptableVolume's GetConversionStatus, failed on D:.
    doc.bitlocker.cmdletAvailable = false;
    doc.readErrors = { bitlocker: { 'conversion:D:': 'GetConversionStatus returned 2150694912' } };
    const [, fromCim] = known(factsFrom(doc).hyperv.bitlocker);
    expect(reason(fromCim!.volumeStatus)).toBe('GetConversionStatus returned 2150694912');
    expect(reason(fromCim!.encryptionPercentage)).toBe('GetConversionStatus returned 2150694912');
    doc.readErrors = {};
    expect(reason(known(factsFrom(doc).hyperv.bitlocker)[1]!.encryptionPercentage)).toBe(
      'Win32_EncryptableVolume.GetConversionStatus gave no EncryptionPercentage for volume D:',
    );
  });

  it('a live-migration network without a subnet stays in the list as unknown (it was dropped)', () => {
    const doc = hardened();
    doc.hypervHost.migrationNetworks.push({ subnet: null, priority: 1 });
    expect(known(factsFrom(doc).hyperv.migration).networks).toEqual([
      '10.20.30.0/24',
      { unknown: true, reason: 'Get-VMMigrationNetwork gave no Subnet for the network of priority 1' },
    ]);
  });

  it('a live-migration authentication type Get-VMHost did not give is unknown (it read as the type "unknown")', () => {
    const doc = hardened();
    doc.hypervHost.migrationAuthenticationType = null;
    expect(reason(known(factsFrom(doc).hyperv.migration).authenticationType)).toBe(
      'Get-VMHost gave no VirtualMachineMigrationAuthenticationType',
    );
  });
});
