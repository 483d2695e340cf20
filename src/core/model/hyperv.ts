import { z } from 'zod';
import { absentWhen, fact, factList, factObject, FactNumber, FactString, TriState } from './fact.js';

/** Why a descriptive field may be absent: it only labels what a rule judges by other fields. */
const DESCRIPTIVE = 'descriptive only: not every source reports it, and no rule judges it';
/** Defender's status fields exist only where it is installed; where it is, an unreadable one is unknown with the reason. */
const NO_DEFENDER = 'Microsoft Defender is not installed (Get-MpComputerStatus does not exist)';

export const VSwitch = z
  .object({
    name: z.string(),
    /** External | Internal | Private */
    switchType: z.string(),
    allowManagementOS: z.boolean(),
    netAdapter: absentWhen(
      'not an External switch: Internal and Private switches have no physical adapter',
      z.string(),
    ),
    embeddedTeaming: absentWhen(
      'before Windows Server 2016, which introduced Switch Embedded Teaming (Microsoft Learn, "Remote Direct Memory Access (RDMA) and Switch Embedded Teaming (SET)")',
      z.boolean(),
    ),
    extensions: fact(
      z.array(
        z
          .object({
            name: z.string(),
            vendor: absentWhen('the extension names no vendor (rules read it as third party)', z.string()),
            enabled: TriState,
          })
          .strict(),
      ),
    ),
  })
  .strict();

/**
 * The VLANs a VM or host adapter's switch port carries (Get-VMNetworkAdapterVlan, Microsoft Learn
 * Set-VMNetworkAdapterVlan): Access → its VLAN; Trunk → AllowedVlanIdList plus NativeVlanId; Private → the primary VLAN
 * plus the secondary VLAN(s); Untagged (or access VLAN 0) → untagged frames only.
 */
export const VlanMembership = z
  .object({
    mode: z.string(),
    ids: z.array(z.number().int()),
    /** The port carries untagged frames. */
    untagged: z.boolean(),
    nativeVlanId: absentWhen(
      'not a Trunk port: only trunks have a native VLAN (Set-VMNetworkAdapterVlan -NativeVlanId)',
      z.number().int(),
    ),
    /** Isolated | Community | Promiscuous */
    privateVlanMode: absentWhen('not a Private VLAN port', z.string()),
  })
  .strict();

export const HostVnic = z
  .object({
    name: z.string(),
    switchName: z.string(),
    /** The access VLAN; null = untagged, or trunk / private mode (see vlan); unknown, with vlan's reason, when vlan is. */
    vlanId: fact(z.number().int().nullable()),
    /** Unknown when Get-VMNetworkAdapterVlan failed or gave no OperationMode for the vNIC. */
    vlan: fact(VlanMembership),
    /** Joined by DeviceId or MAC and ifIndex; unknown when the vNIC's Net adapter or its addresses could not be read. */
    ips: fact(z.array(z.string())),
  })
  .strict();

const NOT_SET_BY_POLICY =
  'Group Policy does not set it (HKLM\\Software\\Policies\\Microsoft\\Windows\\WinRM has no such value)';

/** Where a WinRM setting came from: Group Policy (Source="GPO" in WSMan's answer) or the service's own configuration. */
const WinRmOrigin = z.enum(['policy', 'local']);

const WinRmListener = z
  .object({
    /** With address, what names a listener (winrm/config/Listener?Address=*+Transport=HTTPS). */
    transport: z.string(),
    address: z.string(),
    port: fact(z.number().int()),
    enabled: TriState,
    certificateThumbprint: absentWhen(
      'an HTTP listener: only HTTPS listeners have a certificate (Microsoft Learn, "Installation and configuration for Windows Remote Management")',
      FactString,
    ),
    /** Created by Group Policy (Listener Source="GPO") or locally. */
    source: fact(WinRmOrigin),
  })
  .strict();

export const WinRm = z
  .object({
    listeners: fact(z.array(WinRmListener)),
    allowUnencrypted: z.boolean(),
    auth: z
      .object({
        basic: TriState,
        kerberos: TriState,
        negotiate: TriState,
        certificate: TriState,
        credSSP: TriState,
        /** Strict | Relaxed | None: how the service requires channel-binding tokens (MS-WSMV cfg:ServiceAuthType). */
        cbtHardeningLevel: FactString,
      })
      .strict(),
    /** WSMan (Get-WSManInstance), or registry (the service's own copy, read when WSMan did not answer). */
    source: fact(z.enum(['WSMan', 'registry'])),
    /** The host as a WinRM client: CredSSP here delegates credentials from the host onward. */
    clientAuth: factObject({ credSSP: TriState }),
    /** Group-policy values, which win over the service settings when set; one that could not be read is unknown. */
    policy: factObject({
      allowBasic: absentWhen(NOT_SET_BY_POLICY, TriState),
      allowUnencrypted: absentWhen(NOT_SET_BY_POLICY, TriState),
      allowCredSSP: absentWhen(NOT_SET_BY_POLICY, TriState),
      clientAllowCredSSP: absentWhen(NOT_SET_BY_POLICY, TriState),
    }),
    /** Where each WSMan value came from ("AllowUnencrypted", "Auth/Basic"...): Group Policy or the local configuration. */
    sources: fact(z.record(z.string(), WinRmOrigin)),
  })
  .strict();

export const HypervExposure = z
  .object({
    switches: fact(z.array(VSwitch)),
    hostVnics: fact(z.array(HostVnic)),
    firewallProfiles: factList({
      name: z.string(),
      enabled: z.boolean(),
      /**
       * As the active store (Get-NetFirewallProfile -PolicyStore ActiveStore) reports it: Block, Allow or
       * NotConfigured, which no store sets, so Windows' default (Block, Microsoft Learn Set-NetFirewallProfile) applies.
       */
      defaultInboundAction: FactString,
    }),
    rdp: factObject({
      enabled: z.boolean(),
      nla: z.boolean(),
      /** RDP-Tcp PortNumber (Microsoft Learn, "Change the listening port in Remote Desktop"). */
      port: FactNumber,
      /** 0 RDP, 1 Negotiate, 2 TLS (Microsoft Learn, Win32_TSGeneralSetting SetSecurityLayer); policy wins where set. */
      securityLayer: FactNumber,
    }),
    /** Get-SmbServerConfiguration (Windows Server 2012 and later, the collector's floor) has each of these. */
    smb: factObject({
      smb1Enabled: z.boolean(),
      smb2Enabled: TriState,
      requireSigning: TriState,
      encryptData: TriState,
    }),
    winrm: fact(WinRm),
    sshd: factObject({
      installed: z.boolean(),
      running: z.boolean(),
      defaultShell: absentWhen(
        'no DefaultShell value: OpenSSH for Windows starts cmd.exe (Microsoft Learn, "OpenSSH Server configuration for Windows")',
        z.string(),
      ),
    }),
    listening: factList({
      address: z.string(),
      port: z.number().int(),
      protocol: z.string(),
      /** The owning process's name, with the services it hosts: "svchost.exe (WinRM)". */
      process: FactString,
    }),
    domain: factObject({
      partOfDomain: z.boolean(),
      domain: absentWhen('not joined to a domain', z.string()),
      /** Win32_ComputerSystem.DomainRole: 0/1 standalone/member workstation, 2/3 standalone/member server, 4/5 DC. */
      role: fact(z.number().int().min(0).max(5)),
    }),
    groups: factObject({
      administrators: z.array(z.string()),
      hypervAdministrators: z.array(z.string()),
      /** Remote Management Users (S-1-5-32-580, found by SID as its name is localized): WinRM without administration. */
      remoteManagementUsers: fact(z.array(z.string())),
    }),
  })
  .strict();

export const HypervDetails = z
  .object({
    privilege: z
      .object({ user: FactString, isAdmin: TriState, psVersion: FactString, languageMode: FactString })
      .strict(),
    os: z
      .object({
        caption: FactString,
        version: FactString,
        build: FactNumber,
        ubr: FactNumber,
        displayVersion: FactString,
        editionId: FactString,
        /** "Server Core" or "Server" (Desktop Experience). */
        installationType: FactString,
        lastBoot: FactString,
      })
      .strict(),
    role: z
      .object({ hypervInstalled: TriState, vmms: factObject({ state: z.string(), startMode: FactString }) })
      .strict(),
    hypervisorBinary: factObject({ name: z.string(), version: FactString, size: z.number() }),
    migration: factObject({
      enabled: z.boolean(),
      authenticationType: FactString,
      useAnyNetwork: z.boolean(),
      /** Get-VMMigrationNetwork subnets; one whose subnet was not reported is unknown with that reason. */
      networks: z.array(FactString),
    }),
    replica: factObject({ enabled: z.boolean(), authenticationType: FactString, allowedFromAnyServer: TriState }),
    deviceGuard: factObject({
      /** 0 off, 1 enabled not running, 2 running */
      vbsStatus: z.number().int(),
      servicesConfigured: z.array(z.number().int()),
      /** 1 Credential Guard, 2 HVCI, 3 System Guard ... */
      servicesRunning: z.array(z.number().int()),
      /** Win32_DeviceGuard.CodeIntegrityPolicyEnforcementStatus: 0 off, 1 audit, 2 enforced. */
      codeIntegrityPolicyEnforcement: absentWhen(
        'before Windows Server 2016 (build 14393) there is no Win32_DeviceGuard and no code integrity policy (Microsoft Learn, "Deploy code integrity policies", applies to Windows 10 and Windows Server 2016)',
        fact(z.number().int()),
      ),
    }),
    bitlocker: factList({
      mountPoint: z.string(),
      protectionOn: z.boolean(),
      /** Get-BitLockerVolume VolumeStatus (Win32_EncryptableVolume ConversionStatus): FullyEncrypted, ... */
      volumeStatus: FactString,
      encryptionPercentage: FactNumber,
    }),
    defender: factObject({
      installed: z.boolean(),
      /** Normal → active; passive (ForceDefenderPassiveMode or AMRunningMode) beside another product; off = WinDefend stopped. */
      mode: absentWhen(NO_DEFENDER, fact(z.enum(['active', 'passive', 'edr-block', 'off']))),
      /** Running third-party antivirus/EDR products (data/agents/windows-services.json) Defender sits beside. */
      besideProducts: absentWhen(
        'no third-party antivirus or EDR service is running beside Defender',
        z.array(z.string()),
      ),
      /** Why Get-MpComputerStatus failed, when it did (e.g. 0x800106ba beside a third-party EDR). */
      statusError: absentWhen('Get-MpComputerStatus answered', z.string()),
      realTimeProtection: absentWhen(NO_DEFENDER, TriState),
      runningMode: absentWhen(NO_DEFENDER, FactString),
      signatureAgeDays: absentWhen(NO_DEFENDER, FactNumber),
      disableAutoExclusions: absentWhen(NO_DEFENDER, TriState),
      antivirusEnabled: absentWhen(NO_DEFENDER, TriState),
      /** Unknown, not absent, where Defender runs a platform older than IsTamperProtected (Server 2016 in-box). */
      tamperProtected: absentWhen(NO_DEFENDER, TriState),
      /** ISO date of the last signature update. */
      signatureLastUpdated: absentWhen(NO_DEFENDER, FactString),
      exclusions: factObject({
        paths: z.array(z.string()),
        processes: z.array(z.string()),
        extensions: z.array(z.string()),
      }),
    }),
    features: factList({
      name: z.string(),
      displayName: absentWhen('Get-WindowsFeature gave no display name (rules go by name)', z.string()),
      /** Get-WindowsFeature FeatureType: Role, Role Service or Feature. */
      type: FactString,
    }),
    software: factList({
      name: z.string(),
      version: absentWhen(DESCRIPTIVE, z.string()),
      publisher: absentWhen(DESCRIPTIVE, z.string()),
    }),
    /** data/windows-builds.json marks this build's release name / end of support as unverified. */
    releaseDataUnverified: absentWhen("the build table's entry is verified", z.boolean()),
    /** VM network adapters with their guards (Get-VMNetworkAdapter -VM); vlanId null = untagged or trunk / private. */
    vmNetworkAdapters: factList({
      vm: z.string(),
      switchName: absentWhen(
        'the adapter is not connected to a virtual switch: Get-VMNetworkAdapter reports SwitchName null (Microsoft Learn, Connect-VMNetworkAdapter / Disconnect-VMNetworkAdapter)',
        z.string().min(1),
      ),
      /** OnOffState On/Off (Microsoft Learn, Set-VMNetworkAdapter -MacAddressSpoofing, -DhcpGuard, -RouterGuard). */
      macAddressSpoofing: TriState,
      dhcpGuard: TriState,
      routerGuard: TriState,
      vlanId: z.number().int().nullable(),
      vlan: fact(VlanMembership),
      /** A Destination port receives copies of the Source ports' traffic (Set-VMNetworkAdapter -PortMirroring). */
      portMirroring: fact(z.enum(['None', 'Source', 'Destination'])),
    }),
    /**
     * VMs whose adapters could not be read (Get-VMNetworkAdapter -VM failed for them), each with the failure: they are
     * missing from vmNetworkAdapters, which is then not the whole host. Empty when every VM's adapters were read.
     */
    vmNetworkAdaptersUnread: factList({ vm: z.string(), reason: z.string().min(1) }),
    /** hypervisorlaunchtype of the {current} boot entry: Auto, Off, or NotSet (the hypervisor is not started). */
    hypervisorLaunchType: FactString,
    /** Enabled NDIS bindings (filters, protocols) on the physical NICs of external switches (Get-NetAdapterBinding). */
    netFilters: factList({
      switchName: z.string(),
      adapter: z.string(),
      componentId: z.string(),
      displayName: absentWhen('Get-NetAdapterBinding gave no display name (rules go by componentId)', z.string()),
    }),
    /** File-system minifilters (Services\*\Instances): company from the image file's version info. */
    minifilters: factList({
      name: z.string(),
      altitudes: z.array(z.string()),
      company: FactString,
      imagePath: absentWhen(DESCRIPTIVE, z.string()),
    }),
    /**
     * Security settings read from the registry or cmdlets, keyed by a stable name
     * (LmCompatibilityLevel, CredSSP.AllowFreshCredentials, ...); values as read, null = not set, unknown = the value
     * could not be read (access denied).
     */
    settings: fact(z.record(z.string(), fact(z.union([z.string(), z.number(), z.boolean(), z.null()])))),
  })
  .strict();

/** The TypeScript types of the schemas above, for rules and connectors that take a part of the facts. */
export type VSwitch = z.infer<typeof VSwitch>;
export type VlanMembership = z.infer<typeof VlanMembership>;
export type HostVnic = z.infer<typeof HostVnic>;
export type WinRm = z.infer<typeof WinRm>;
export type HypervExposure = z.infer<typeof HypervExposure>;
export type HypervDetails = z.infer<typeof HypervDetails>;
