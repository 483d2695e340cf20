/**
 * Mock Windows hosts for the collector under real pwsh (test/hyperv/pwsh/mocks.ps1 gives the values their shapes).
 * Values follow Microsoft's documentation for each release: builds and UBRs from "Windows Server release information"
 * (learn.microsoft.com/windows/release-health/windows-server-release-info), InstallationType "Server Core" vs "Server"
 * (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, reference hyperv-collection.md §1.3 A).
 */

/** Raw fixture JSON, read by mocks.ps1 (keys: real property names; `_x` keys: per-VM component data). */
export type MockHost = Record<string, any>;

const NT = 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const UNINSTALL = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
export const SERVICES = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services';

/** Integration services by the GUID that ends VMIntegrationComponent.Id, with English and German names. */
export const INTEGRATION_SERVICES = [
  { guid: '84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47', en: 'Heartbeat', de: 'Takt' },
  { guid: '9F8233AC-BE49-4C79-8EE3-E7E1985B2077', en: 'Shutdown', de: 'Herunterfahren des Betriebssystems' },
  { guid: '2497F4DE-E9FA-4204-80E4-4B75C46419C0', en: 'Time Synchronization', de: 'Zeitsynchronisierung' },
  {
    guid: '2A34B1C2-FD73-4043-8A5B-DD2159BC743F',
    en: 'Key-Value Pair Exchange',
    de: 'Austausch von Schlüsselwertepaaren',
  },
  { guid: '5CED1297-4598-4915-A5FC-AD21BB4D02A4', en: 'VSS', de: 'Volumeschattenkopie-Anforderer' },
  { guid: '6C09BB55-D683-4DA0-8931-C9BF705F6480', en: 'Guest Service Interface', de: 'Gastdienstschnittstelle' },
] as const;
export const GUEST_SERVICE_INTERFACE = '6C09BB55-D683-4DA0-8931-C9BF705F6480';

/** InterfaceGuid of the physical NIC under the external switch (VMSwitch.NetAdapterInterfaceGuid). */
const PHYSICAL_NIC_GUID = '5b0d6c1e-7a2f-4c3d-8e9f-0a1b2c3d4e5f';

function vmId(i: number): string {
  return `4f6c${i.toString(16).padStart(4, '0')}-1e2d-4c3b-9a8f-${(0x1000000000000 + i).toString(16).slice(1)}`;
}

export function mockVm(i: number, over: MockHost = {}, language: 'en' | 'de' = 'en'): MockHost {
  return {
    Name: `vm-${String(i).padStart(3, '0')}`,
    VMId: vmId(i),
    State: i % 5 === 4 ? 'Off' : 'Running',
    Status: language === 'de' ? 'Normaler Betrieb' : 'Operating normally',
    Generation: 2,
    Version: '10.0',
    Uptime: i % 5 === 4 ? 0 : 86_400 + i,
    IntegrationServicesVersion: '10.0.20348.1',
    ProcessorCount: 4,
    MemoryStartup: 8_589_934_592,
    CheckpointType: 'Production',
    ReplicationState: 'Disabled',
    ComputerName: 'HV01',
    _snapshots: i % 3,
    _firmware: { SecureBoot: 'On', SecureBootTemplate: 'MicrosoftWindows' },
    _security: { TpmEnabled: i % 2 === 0, Shielded: false },
    _processor: { Count: 4, ExposeVirtualizationExtensions: false },
    _integration: INTEGRATION_SERVICES.map((s) => ({
      Name: s[language],
      Guid: s.guid,
      Enabled: s.guid !== GUEST_SERVICE_INTERFACE || i % 4 === 1,
      PrimaryStatusDescription: language === 'de' ? 'OK' : 'OK',
    })),
    _adapters: [
      {
        Name: language === 'de' ? 'Netzwerkkarte' : 'Network Adapter',
        SwitchName: 'External',
        MacAddress: `00155D01${(i % 256).toString(16).padStart(2, '0').toUpperCase()}${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}`,
        MacAddressSpoofing: 'Off',
        DhcpGuard: 'On',
        RouterGuard: 'On',
        DeviceId: `Microsoft:${vmId(i).toUpperCase()}\\A1B2C3D4-0000-0000-0000-00000000000${i % 10}`,
        Vlan: { OperationMode: 'Access', AccessVlanId: 20, NativeVlanId: 0 },
      },
    ],
    _assignableDevices: [],
    ...over,
  };
}

const RELEASES = {
  2016: {
    caption: 'Microsoft Windows Server 2016 Datacenter',
    build: 14393,
    ubr: 7336,
    releaseId: '1607',
    displayVersion: undefined,
    kernel: '10.0.14393.7336',
  },
  2019: {
    caption: 'Microsoft Windows Server 2019 Datacenter',
    build: 17763,
    ubr: 6414,
    releaseId: '1809',
    displayVersion: undefined,
    kernel: '10.0.17763.6414',
  },
  2022: {
    caption: 'Microsoft Windows Server 2022 Datacenter',
    build: 20348,
    ubr: 2849,
    releaseId: '2009',
    displayVersion: '21H2',
    kernel: '10.0.20348.2849',
  },
  2025: {
    caption: 'Microsoft Windows Server 2025 Datacenter',
    build: 26100,
    ubr: 2314,
    releaseId: '2009',
    displayVersion: '24H2',
    kernel: '10.0.26100.2314',
  },
} as const;
export type Release = keyof typeof RELEASES;

export interface HostOptions {
  release?: Release;
  core?: boolean;
  language?: 'en' | 'de';
  vmCount?: number;
}

/** A physical Intel Hyper-V host, domain joined, Defender active, WinRM on HTTP with Kerberos. */
export function mockHost({ release = 2022, core = false, language = 'en', vmCount = 3 }: HostOptions = {}): MockHost {
  const r = RELEASES[release];
  const de = language === 'de';
  const svc = (
    Name: string,
    State: string,
    StartMode: string,
    PathName: string,
    ProcessId: number,
    DisplayName = Name,
  ) => ({
    Name,
    DisplayName,
    State,
    StartMode,
    PathName,
    StartName: 'LocalSystem',
    ProcessId: State === 'Running' ? ProcessId : 0,
    ServiceType: 'Own Process',
  });
  const features = [
    {
      Name: 'Hyper-V',
      DisplayName: de ? 'Hyper-V' : 'Hyper-V',
      Installed: true,
      InstallState: 'Installed',
      FeatureType: 'Role',
    },
    {
      Name: 'Hyper-V-PowerShell',
      DisplayName: de ? 'Hyper-V-Modul für Windows PowerShell' : 'Hyper-V Module for Windows PowerShell',
      Installed: true,
      InstallState: 'Installed',
      FeatureType: 'Feature',
    },
    {
      Name: 'Windows-Defender',
      DisplayName: 'Microsoft Defender Antivirus',
      Installed: true,
      InstallState: 'Installed',
      FeatureType: 'Feature',
    },
    ...(core
      ? []
      : [
          {
            Name: 'Server-Gui-Mgmt-Infra',
            DisplayName: de
              ? 'Grafische Verwaltungstools und Infrastruktur'
              : 'Graphical Management Tools and Infrastructure',
            Installed: true,
            InstallState: 'Installed',
            FeatureType: 'Feature',
          },
        ]),
    {
      Name: 'FS-SMB1',
      DisplayName: 'SMB 1.0/CIFS File Sharing Support',
      Installed: false,
      InstallState: 'Available',
      FeatureType: 'Feature',
    },
  ];
  return {
    identity: { name: 'CONTOSO\\hvscan', isAdmin: true },
    modules: ['Hyper-V', 'Defender', 'ServerManager'],
    absentCommands: [],
    env: { firmware_type: 'UEFI' },
    cim: {
      'root/cimv2:Win32_OperatingSystem': [
        {
          Caption: de ? r.caption.replace('Microsoft Windows Server', 'Microsoft Windows Server') : r.caption,
          Version: `10.0.${r.build}`,
          BuildNumber: String(r.build),
          ProductType: 3,
          OperatingSystemSKU: 8,
          LastBootUpTime: '2026-11-01T04:00:00Z',
          InstallDate: '2024-03-10T12:00:00Z',
          OSLanguage: de ? 1031 : 1033,
          MUILanguages: [de ? 'de-DE' : 'en-US'],
        },
      ],
      'root/cimv2:Win32_ComputerSystem': [
        {
          DNSHostName: 'HV01',
          Name: 'HV01',
          Manufacturer: 'Dell Inc.',
          Model: 'PowerEdge R750',
          PartOfDomain: true,
          Domain: 'contoso.local',
          DomainRole: 3,
          Workgroup: null,
          HypervisorPresent: true,
        },
      ],
      'root/cimv2:Win32_ComputerSystemProduct': [
        { UUID: '4C4C4544-0042-3510-8052-B7C04F564433', Vendor: 'Dell Inc.', Name: 'PowerEdge R750' },
      ],
      // Masked while the hypervisor runs (verification.md §7).
      'root/cimv2:Win32_Processor': [0, 1].map(() => ({
        Manufacturer: 'GenuineIntel',
        Name: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
        NumberOfCores: 32,
        NumberOfLogicalProcessors: 64,
        VirtualizationFirmwareEnabled: false,
        VMMonitorModeExtensions: false,
        SecondLevelAddressTranslationExtensions: false,
        AddressWidth: 64,
      })),
      'root/cimv2:Win32_PerfFormattedData_HvStats_HyperVHypervisor': [
        { Name: '', LogicalProcessors: 128, Partitions: vmCount + 1, VirtualProcessors: vmCount * 4 },
      ],
      'root/cimv2:Win32_Service': [
        svc(
          'vmms',
          'Running',
          'Auto',
          'C:\\Windows\\system32\\vmms.exe',
          2100,
          de ? 'Hyper-V-Verwaltung für virtuelle Computer' : 'Hyper-V Virtual Machine Management',
        ),
        svc(
          'vmcompute',
          'Running',
          'Manual',
          'C:\\Windows\\system32\\vmcompute.exe',
          2200,
          de ? 'Hyper-V-Hostcomputedienst' : 'Hyper-V Host Compute Service',
        ),
        svc(
          'WinDefend',
          'Running',
          'Auto',
          '"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe"',
          3300,
          'Microsoft Defender Antivirus Service',
        ),
        svc(
          'WinRM',
          'Running',
          'Auto',
          'C:\\Windows\\System32\\svchost.exe -k NetworkService -p',
          1400,
          de ? 'Windows-Remoteverwaltung (WS-Verwaltung)' : 'Windows Remote Management (WS-Management)',
        ),
        svc('sshd', 'Running', 'Auto', 'C:\\Windows\\System32\\OpenSSH\\sshd.exe', 4400, 'OpenSSH SSH Server'),
        svc(
          'TermService',
          'Running',
          'Manual',
          'C:\\Windows\\System32\\svchost.exe -k NetworkService',
          1500,
          de ? 'Remotedesktopdienste' : 'Remote Desktop Services',
        ),
      ],
      'root/cimv2:Win32_SystemDriver': [
        {
          Name: 'hvservice',
          DisplayName: 'Hypervisor/Virtual Machine Support Driver',
          State: 'Running',
          StartMode: 'Manual',
          PathName: 'C:\\Windows\\system32\\drivers\\hvservice.sys',
          ServiceType: 'Kernel Driver',
        },
      ],
      'root/cimv2:Win32_Process': [
        { ProcessId: 4, Name: 'System' },
        { ProcessId: 1400, Name: 'svchost.exe' },
        { ProcessId: 2100, Name: 'vmms.exe' },
        { ProcessId: 4400, Name: 'sshd.exe' },
      ],
      'root/cimv2:Win32_Group': [
        {
          SID: 'S-1-5-32-544',
          Name: de ? 'Administratoren' : 'Administrators',
          Domain: 'HV01',
          LocalAccount: true,
          Members: [
            { Domain: 'HV01', Name: de ? 'Administrator' : 'Administrator' },
            { Domain: 'CONTOSO', Name: 'Domain Admins' },
          ],
        },
        {
          SID: 'S-1-5-32-578',
          Name: de ? 'Hyper-V-Administratoren' : 'Hyper-V Administrators',
          Domain: 'HV01',
          LocalAccount: true,
          Members: [],
        },
        {
          SID: 'S-1-5-32-580',
          Name: de ? 'Remoteverwaltungsbenutzer' : 'Remote Management Users',
          Domain: 'HV01',
          LocalAccount: true,
          Members: [],
        },
        {
          SID: 'S-1-5-32-555',
          Name: de ? 'Remotedesktopbenutzer' : 'Remote Desktop Users',
          Domain: 'HV01',
          LocalAccount: true,
          Members: [],
        },
      ],
      'root/cimv2:Win32_OptionalFeature': [{ Name: 'Microsoft-Hyper-V', Caption: 'Hyper-V', InstallState: 1 }],
      'root/cimv2:Win32_LogicalDisk': [{ DeviceID: 'C:', DriveType: 3 }],
      'root/cimv2:Win32_PnPSignedDriver': [
        {
          DeviceName: 'Intel(R) Ethernet Controller E810-C',
          DeviceClass: 'NET',
          InfName: 'oem12.inf',
          DriverVersion: '1.13.236.0',
          DriverDate: '2023-05-01T00:00:00Z',
          DriverProviderName: 'Intel',
          Manufacturer: 'Intel',
          IsSigned: true,
          Signer: 'Microsoft Windows Hardware Compatibility Publisher',
        },
      ],
      'root/Microsoft/Windows/DeviceGuard:Win32_DeviceGuard': [
        {
          VirtualizationBasedSecurityStatus: 2,
          SecurityServicesConfigured: [2],
          SecurityServicesRunning: [2],
          AvailableSecurityProperties: [1, 2, 3, 5],
          RequiredSecurityProperties: [1, 2],
          CodeIntegrityPolicyEnforcementStatus: 0,
          UsermodeCodeIntegrityPolicyEnforcementStatus: 0,
        },
      ],
      'root/cimv2/Security/MicrosoftTpm:Win32_Tpm': [
        { SpecVersion: '2.0, 0, 1.59', IsEnabled_InitialValue: true, IsActivated_InitialValue: true },
      ],
      'root/cimv2/Security:__NAMESPACE': [{ Name: 'MicrosoftTpm' }, { Name: 'MicrosoftVolumeEncryption' }],
    },
    registry: {
      [NT]: {
        CurrentBuild: String(r.build),
        UBR: r.ubr,
        ReleaseId: r.releaseId,
        EditionID: 'ServerDatacenter',
        InstallationType: core ? 'Server Core' : 'Server',
        ...(r.displayVersion ? { DisplayVersion: r.displayVersion } : {}),
      },
      'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server': { fDenyTSConnections: 0 },
      'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp': {
        UserAuthentication: 1,
        PortNumber: 3389,
        SecurityLayer: 2,
      },
      'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa': {
        LmCompatibilityLevel: 5,
        NoLMHash: 1,
        RestrictAnonymous: 0,
        RunAsPPL: 1,
      },
      'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System': { EnableLUA: 1 },
      'HKLM:\\SOFTWARE\\OpenSSH': { DefaultShell: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' },
      [`${UNINSTALL}\\{7A1F3C2B-0001}`]: {
        DisplayName: 'Dell OpenManage Server Administrator',
        DisplayVersion: '11.0.1.0',
        Publisher: 'Dell Inc.',
        InstallDate: '20240311',
        EstimatedSize: 512_000,
      },
      [`${UNINSTALL}\\PowerShell_7`]: {
        DisplayName: 'PowerShell 7-x64',
        DisplayVersion: '7.4.6.0',
        Publisher: 'Microsoft Corporation',
        EstimatedSize: 250_000,
      },
      [`${UNINSTALL}\\KB5044281`]: { DisplayName: 'Security Update', ParentKeyName: 'OperatingSystem' },
      // Defender's file-system minifilter (altitude 328010, FSFilter Anti-Virus: Microsoft Learn "Allocated filter altitudes").
      [`${SERVICES}\\WdFilter`]: { ImagePath: 'system32\\drivers\\wd\\WdFilter.sys', Start: 0 },
      [`${SERVICES}\\WdFilter\\Instances\\WdFilter Instance`]: { Altitude: '328010', Flags: 0 },
    },
    files: {
      'C:\\Windows\\System32\\ntoskrnl.exe': {
        length: 11_567_000,
        version: r.kernel,
        company: 'Microsoft Corporation',
      },
      'C:\\Windows\\System32\\hvix64.exe': { length: 2_171_000, version: r.kernel, company: 'Microsoft Corporation' },
      'C:\\Windows\\system32\\vmms.exe': { length: 7_800_000, version: r.kernel, company: 'Microsoft Corporation' },
      'C:\\Windows\\system32\\drivers\\hvservice.sys': {
        length: 120_000,
        version: r.kernel,
        company: 'Microsoft Corporation',
      },
      'C:\\Windows\\system32\\drivers\\wd\\WdFilter.sys': {
        length: 480_000,
        version: '4.18.24090.11',
        company: 'Microsoft Corporation',
      },
    },
    features,
    hyperv: {
      vmHost: {
        VirtualMachinePath: 'D:\\Hyper-V',
        VirtualHardDiskPath: 'D:\\Hyper-V\\Virtual Hard Disks',
        VirtualMachineMigrationEnabled: true,
        VirtualMachineMigrationAuthenticationType: 'Kerberos',
        UseAnyNetworkForMigration: false,
        MaximumVirtualMachineMigrations: 2,
        NumaSpanningEnabled: true,
        EnableEnhancedSessionMode: false,
        IovSupport: true,
        LogicalProcessorCount: 128,
        MemoryCapacity: 549_755_813_888,
      },
      migrationNetworks: [{ Subnet: '10.0.50.0/24', Priority: 0 }],
      replication: {
        ReplicationEnabled: false,
        AllowedAuthenticationType: 'Kerberos',
        ReplicationAllowedFromAnyServer: false,
        KerberosAuthenticationPort: 80,
        CertificateAuthenticationPort: 443,
      },
      switches: [
        {
          Name: 'External',
          Id: '9c3d7a1e-5b4f-4e8a-9d2c-1f0e3b6a7c58',
          SwitchType: 'External',
          AllowManagementOS: true,
          NetAdapterInterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
          NetAdapterInterfaceDescriptions: ['Intel(R) Ethernet Controller E810-C'],
          NetAdapterInterfaceGuid: [PHYSICAL_NIC_GUID],
          EmbeddedTeamingEnabled: true,
          IovEnabled: false,
          Extensions: [{ Name: 'Microsoft Windows Filtering Platform', Vendor: 'Microsoft', Enabled: true }],
        },
      ],
      hostVnics: [
        {
          Name: 'Management',
          SwitchName: 'External',
          MacAddress: '00155D010A01',
          DeviceId: '{A1B2C3D4-1111-2222-3333-444455556666}',
          Vlan: { OperationMode: 'Access', AccessVlanId: 10, NativeVlanId: 0 },
        },
      ],
      vms: Array.from({ length: vmCount }, (_, i) => mockVm(i, {}, language)),
    },
    net: {
      // The host vNIC's Net adapter carries the vNIC's DeviceId; the physical NIC under the SET switch shares its MAC.
      adapters: [
        {
          Name: 'vEthernet (Management)',
          InterfaceDescription: 'Hyper-V Virtual Ethernet Adapter',
          ifIndex: 12,
          MacAddress: '00-15-5D-01-0A-01',
          DeviceID: '{A1B2C3D4-1111-2222-3333-444455556666}',
          InterfaceGuid: '{A1B2C3D4-1111-2222-3333-444455556666}',
          Virtual: true,
        },
        {
          Name: 'SLOT 2 Port 1',
          InterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
          ifIndex: 5,
          MacAddress: '00-15-5D-01-0A-01',
          DeviceID: `{${PHYSICAL_NIC_GUID.toUpperCase()}}`,
          InterfaceGuid: `{${PHYSICAL_NIC_GUID.toUpperCase()}}`,
          Virtual: false,
        },
      ],
      // Bound to a NIC under an external switch, only the switch protocol stays enabled (Microsoft Learn, "Hyper-V
      // Virtual Switch"); ms_tcpip is unbound there.
      bindings: [
        {
          Name: 'SLOT 2 Port 1',
          InterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
          DisplayName: 'Hyper-V Extensible Virtual Switch',
          ComponentID: 'vms_pp',
          Enabled: true,
        },
        {
          Name: 'SLOT 2 Port 1',
          InterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
          DisplayName: 'Internet Protocol Version 4 (TCP/IPv4)',
          ComponentID: 'ms_tcpip',
          Enabled: false,
        },
        {
          Name: 'SLOT 2 Port 1',
          InterfaceDescription: 'Intel(R) Ethernet Controller E810-C',
          DisplayName: 'Microsoft NDIS Capture',
          ComponentID: 'ms_ndiscap',
          Enabled: true,
          hidden: true,
        },
      ],
      udpSetting: { DynamicPortRangeStartPort: 49152, DynamicPortRangeNumberOfPorts: 16384 },
      ipAddresses: [
        {
          IPAddress: '10.0.10.21',
          InterfaceAlias: 'vEthernet (Management)',
          InterfaceIndex: 12,
          AddressFamily: 'IPv4',
        },
      ],
      tcpListen: [
        { LocalAddress: '0.0.0.0', LocalPort: 5985, OwningProcess: 4 },
        { LocalAddress: '0.0.0.0', LocalPort: 22, OwningProcess: 4400 },
        { LocalAddress: '0.0.0.0', LocalPort: 3389, OwningProcess: 1500 },
      ],
      udp: [],
    },
    firewall: ['Domain', 'Private', 'Public'].map((Name) => ({
      Name,
      Enabled: 'True',
      DefaultInboundAction: 'Block',
      DefaultOutboundAction: 'Allow',
    })),
    smb: {
      EnableSMB1Protocol: false,
      EnableSMB2Protocol: true,
      RequireSecuritySignature: true,
      EnableSecuritySignature: true,
      EncryptData: false,
      AuditSmb1Access: false,
    },
    wsman: {
      service: { AllowUnencrypted: 'false', RootSDDL: 'O:NSG:BAD:P(A;;GA;;;BA)S:P(AU;FA;GA;;;WD)' },
      auth: {
        Basic: 'false',
        Kerberos: 'true',
        Negotiate: 'true',
        Certificate: 'false',
        CredSSP: 'false',
        CbtHardeningLevel: 'Relaxed',
      },
      listeners: [
        {
          Address: '*',
          Transport: 'HTTP',
          Port: '5985',
          Hostname: '',
          Enabled: 'true',
          URLPrefix: 'wsman',
          CertificateThumbprint: '',
          ListeningOn: ['10.0.10.21', '127.0.0.1'],
        },
      ],
      // winrm/config/client/auth defaults (Microsoft Learn, "Installation and configuration for Windows Remote Management").
      clientAuth: {
        Basic: 'true',
        Digest: 'true',
        Kerberos: 'true',
        Negotiate: 'true',
        Certificate: 'true',
        CredSSP: 'false',
      },
    },
    // bcdedit /enum {current}: the header is localized, the element names and values are not (see collector.md).
    bcd: {
      header: de ? 'Windows-Startladeprogramm' : 'Windows Boot Loader',
      entries: [
        `${de ? 'Bezeichner' : 'identifier'}              {current}`,
        'device                  partition=C:',
        'path                    \\Windows\\system32\\winload.efi',
        'hypervisorlaunchtype    Auto',
      ],
    },
    secureBoot: true,
    tpm: {
      TpmPresent: true,
      TpmReady: true,
      TpmEnabled: true,
      TpmActivated: true,
      TpmOwned: true,
      ManufacturerIdTxt: 'INTC',
    },
    bitlocker: [
      { MountPoint: 'C:', ProtectionStatus: 'On', VolumeStatus: 'FullyEncrypted', EncryptionPercentage: 100 },
    ],
    defender: {
      status: {
        AMServiceEnabled: true,
        AntivirusEnabled: true,
        RealTimeProtectionEnabled: true,
        AMRunningMode: 'Normal',
        AMProductVersion: '4.18.24090.11',
        AntivirusSignatureLastUpdated: '2026-11-30T03:00:00Z',
        AntivirusSignatureAge: 1,
        IsTamperProtected: true,
      },
      preferences: {
        ExclusionPath: ['D:\\Hyper-V'],
        ExclusionProcess: ['vmms.exe', 'vmwp.exe'],
        ExclusionExtension: ['.vhdx', '.avhdx'],
        DisableAutoExclusions: false,
      },
    },
    failures: {},
  };
}

const gpo = (value: string) => ({ source: 'GPO', value });

/**
 * WinRM configured by Group Policy: the policy keys are set and WSMan reports those values with Source="GPO"
 * (learn.microsoft.com/windows/win32/winrm/installation-and-configuration-for-windows-remote-management, "winrm get
 * winrm/config" sample output; policy key HKLM\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service).
 */
export function gpoWinrmHost(): MockHost {
  const host = mockHost({ release: 2022 });
  host.wsman.service = { AllowUnencrypted: gpo('false'), RootSDDL: 'O:NSG:BAD:P(A;;GA;;;BA)S:P(AU;FA;GA;;;WD)' };
  host.wsman.auth = {
    Basic: gpo('false'),
    Kerberos: 'true',
    Negotiate: 'true',
    Certificate: 'false',
    CredSSP: gpo('false'),
    CbtHardeningLevel: gpo('Strict'),
  };
  host.registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service'] = {
    AllowBasic: 0,
    AllowUnencryptedTraffic: 0,
    AllowCredSSP: 0,
  };
  // A listener created by the "Allow remote server management through WinRM" policy: Listener Source="GPO".
  host.wsman.listeners[0]['@Source'] = 'GPO';
  return host;
}

/**
 * A lab host that is itself a Hyper-V VM whose processor does not expose virtualization extensions: Windows reports
 * the outer hypervisor (HypervisorPresent, learn.microsoft.com/windows/win32/cimwin32prov/win32-computersystem), the
 * processor flags are genuinely false, the Windows hypervisor never started so its counter set is absent, and
 * "Virtual Machine" / "Microsoft Corporation" is how a Hyper-V guest identifies itself.
 */
export function nestedLabHost(): MockHost {
  const host = mockHost({ release: 2022, vmCount: 1 });
  Object.assign(host.cim['root/cimv2:Win32_ComputerSystem'][0], {
    Manufacturer: 'Microsoft Corporation',
    Model: 'Virtual Machine',
    HypervisorPresent: true,
  });
  host.cim['root/cimv2:Win32_Processor'] = [
    {
      Manufacturer: 'GenuineIntel',
      Name: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
      NumberOfCores: 4,
      NumberOfLogicalProcessors: 4,
      VirtualizationFirmwareEnabled: false,
      VMMonitorModeExtensions: false,
      SecondLevelAddressTranslationExtensions: false,
      AddressWidth: 64,
    },
  ];
  delete host.cim['root/cimv2:Win32_PerfFormattedData_HvStats_HyperVHypervisor'];
  host.cimMissing = { 'root/cimv2:Win32_PerfFormattedData_HvStats_HyperVHypervisor': 'class' };
  host.cim['root/cimv2:Win32_Service'].find((s: MockHost) => s.Name === 'vmms').State = 'Stopped';
  return host;
}

/**
 * Defender in passive mode beside CrowdStrike Falcon: ForceDefenderPassiveMode set (learn.microsoft.com/defender-endpoint/
 * microsoft-defender-antivirus-compatibility, "Passive mode on Windows Server"), WinDefend running, and
 * Get-MpComputerStatus failing with 0x800106ba as reported from such hosts (issue 11's review; the HRESULT is
 * Defender's "service is not running or not responding" class, unverified here).
 */
export function defenderPassiveHost(): MockHost {
  const host = mockHost({ release: 2019 });
  host.cim['root/cimv2:Win32_Service'].push({
    Name: 'CSFalconService',
    DisplayName: 'CrowdStrike Falcon Sensor Service',
    State: 'Running',
    StartMode: 'Auto',
    PathName: '"C:\\Program Files\\CrowdStrike\\CSFalconService.exe"',
    StartName: 'LocalSystem',
    ProcessId: 5100,
    ServiceType: 'Own Process',
  });
  host.registry['HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows Advanced Threat Protection'] = {
    ForceDefenderPassiveMode: 1,
  };
  host.failures['Get-MpComputerStatus'] = {
    exception: 'CimException',
    hresult: '0x800106BA',
    message: 'Operation failed with the following error: 0x800106ba',
    fqid: 'HRESULT 0x800106ba,Get-MpComputerStatus',
  };
  host.failures['Get-MpPreference'] = {
    exception: 'CimException',
    hresult: '0x800106BA',
    message: 'Operation failed with the following error: 0x800106ba',
    fqid: 'HRESULT 0x800106ba,Get-MpPreference',
  };
  return host;
}

/** The fixtures the suite runs the collector on (docs: connectors/hyperv/collector/collector.md, "Fixtures under pwsh"). */
export function fixtureHosts(): Record<string, MockHost> {
  return {
    'ws2016-desktop': mockHost({ release: 2016 }),
    'ws2019-core': mockHost({ release: 2019, core: true }),
    'ws2022-desktop': mockHost({ release: 2022 }),
    'ws2025-core': mockHost({ release: 2025, core: true }),
    'ws2022-german': mockHost({ release: 2022, language: 'de' }),
    'ws2022-winrm-gpo': gpoWinrmHost(),
    'nested-lab-no-vtx': nestedLabHost(),
    'ws2019-defender-passive-edr': defenderPassiveHost(),
    'ws2022-500-vms': mockHost({ release: 2022, vmCount: 500 }),
  };
}
