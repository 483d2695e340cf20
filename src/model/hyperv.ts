import { z } from 'zod';
import { fact, factList, factObject, FactNumber, FactString, TriState } from './fact.js';

export const VSwitch = z
  .object({
    name: z.string(),
    /** External | Internal | Private */
    switchType: z.string(),
    allowManagementOS: z.boolean(),
    netAdapter: z.string().optional(),
    embeddedTeaming: z.boolean().optional(),
    extensions: z.array(z.object({ name: z.string(), vendor: z.string().optional(), enabled: TriState }).strict()).optional(),
  })
  .strict();

export const HostVnic = z
  .object({
    name: z.string(),
    switchName: z.string(),
    /** null = untagged */
    vlanId: z.number().int().nullable(),
    ips: z.array(z.string()).optional(),
  })
  .strict();

export const WinRm = z
  .object({
    listeners: z.array(
      z
        .object({
          transport: z.string(),
          address: z.string(),
          port: z.number().int(),
          enabled: z.boolean(),
          certificateThumbprint: z.string().optional(),
          /** Created by Group Policy (Listener Source="GPO") or locally. */
          source: z.enum(['policy', 'local']).optional(),
        })
        .strict(),
    ),
    allowUnencrypted: z.boolean(),
    auth: z
      .object({
        basic: TriState,
        kerberos: TriState,
        negotiate: TriState,
        certificate: TriState,
        credSSP: TriState,
        cbtHardeningLevel: z.string().optional(),
      })
      .strict(),
    /** Group-policy values, which win over the service settings when set. */
    policy: z.object({ allowBasic: TriState.optional(), allowUnencrypted: TriState.optional() }).strict().optional(),
    /** Where each WSMan value came from ("AllowUnencrypted", "Auth/Basic"...): Group Policy or the local configuration. */
    sources: z.record(z.string(), z.enum(['policy', 'local'])).optional(),
  })
  .strict();

export const HypervExposure = z
  .object({
    switches: fact(z.array(VSwitch)),
    hostVnics: fact(z.array(HostVnic)),
    firewallProfiles: factList({ name: z.string(), enabled: z.boolean(), defaultInboundAction: z.string().optional() }),
    rdp: factObject({
      enabled: z.boolean(),
      nla: z.boolean(),
      port: z.number().int().optional(),
      securityLayer: z.number().int().optional(),
    }),
    smb: factObject({
      smb1Enabled: z.boolean(),
      smb2Enabled: z.boolean().optional(),
      requireSigning: z.boolean().optional(),
      encryptData: z.boolean().optional(),
    }),
    winrm: fact(WinRm),
    sshd: factObject({ installed: z.boolean(), running: z.boolean(), defaultShell: z.string().optional() }),
    listening: factList({ address: z.string(), port: z.number().int(), protocol: z.string(), process: z.string().optional() }),
    domain: factObject({ partOfDomain: z.boolean(), domain: z.string().optional(), role: z.number().int().optional() }),
    groups: factObject({
      administrators: z.array(z.string()),
      hypervAdministrators: z.array(z.string()),
      remoteManagementUsers: z.array(z.string()).optional(),
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
      .object({
        hypervInstalled: TriState,
        vmms: factObject({ state: z.string(), startMode: z.string() }),
      })
      .strict(),
    hypervisorBinary: factObject({ name: z.string(), version: z.string(), size: z.number() }),
    migration: factObject({
      enabled: z.boolean(),
      authenticationType: z.string(),
      useAnyNetwork: z.boolean(),
      networks: z.array(z.string()),
    }),
    replica: factObject({
      enabled: z.boolean(),
      authenticationType: z.string().optional(),
      allowedFromAnyServer: z.boolean().optional(),
    }),
    deviceGuard: factObject({
      /** 0 off, 1 enabled not running, 2 running */
      vbsStatus: z.number().int(),
      servicesConfigured: z.array(z.number().int()),
      /** 1 Credential Guard, 2 HVCI, 3 System Guard ... */
      servicesRunning: z.array(z.number().int()),
      codeIntegrityPolicyEnforcement: z.number().int().optional(),
    }),
    bitlocker: factList({
      mountPoint: z.string(),
      protectionOn: z.boolean(),
      volumeStatus: z.string().optional(),
      encryptionPercentage: z.number().optional(),
    }),
    defender: factObject({
      installed: z.boolean(),
      /** Normal → active; passive (ForceDefenderPassiveMode or AMRunningMode) beside another product; off = WinDefend stopped. */
      mode: fact(z.enum(['active', 'passive', 'edr-block', 'off'])).optional(),
      /** Running third-party antivirus/EDR products (data/agents/windows-services.json) Defender sits beside. */
      besideProducts: z.array(z.string()).optional(),
      /** Why Get-MpComputerStatus failed, when it did (e.g. 0x800106ba beside a third-party EDR). */
      statusError: z.string().optional(),
      realTimeProtection: z.boolean().optional(),
      runningMode: z.string().optional(),
      signatureAgeDays: z.number().optional(),
      disableAutoExclusions: z.boolean().optional(),
      antivirusEnabled: z.boolean().optional(),
      tamperProtected: z.boolean().optional(),
      /** ISO date of the last signature update. */
      signatureLastUpdated: z.string().optional(),
      exclusions: factObject({ paths: z.array(z.string()), processes: z.array(z.string()), extensions: z.array(z.string()) }),
    }),
    features: factList({ name: z.string(), displayName: z.string().optional(), type: z.string() }),
    software: factList({ name: z.string(), version: z.string().optional(), publisher: z.string().optional() }),
    /** data/windows-builds.json marks this build's release name / end of support as unverified. */
    releaseDataUnverified: z.boolean().optional(),
    /** VM network adapters with their guards (Get-VMNetworkAdapter -VM); VLAN null = untagged. */
    vmNetworkAdapters: factList({
      vm: z.string(),
      switchName: z.string(),
      macAddressSpoofing: z.boolean().optional(),
      dhcpGuard: z.boolean().optional(),
      routerGuard: z.boolean().optional(),
      vlanId: z.number().int().nullable(),
    }).optional(),
    /**
     * Security settings read from the registry or cmdlets, keyed by a stable name
     * (LmCompatibilityLevel, CredSSP.AllowFreshCredentials, ...); values as read, null = not set, unknown = the value
     * could not be read (access denied).
     */
    settings: fact(z.record(z.string(), fact(z.union([z.string(), z.number(), z.boolean(), z.null()])))),
  })
  .strict();
