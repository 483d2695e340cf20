import { z } from 'zod';
import { bool, ENUMS, enumName, int, list, num, size, str } from './coerce.js';

/**
 * The raw collector document (connectors/hyperv/collector/collector.ps1) section by section: tolerant readers for the
 * PowerShell 4/5.1/7 differences, strict types once read. Each section is validated on its own so one malformed
 * section is reported and the others are kept.
 */

const privilege = z.object({ user: str, isAdmin: bool, languageMode: str, hyperVModule: bool });

const os = z.object({
  caption: str,
  version: str,
  buildNumber: str,
  ubr: num,
  displayVersion: str,
  releaseId: str,
  editionId: str,
  installationType: str,
  productType: num,
  lastBoot: str,
  installDate: str,
  kernelFileVersion: str,
});

const computer = z.object({
  name: str,
  manufacturer: str,
  model: str,
  uuid: str,
  partOfDomain: bool,
  domain: str,
  domainRole: int,
  workgroup: str,
  hypervisorPresent: bool,
});

const serviceState = z.object({ state: str, startMode: str }).nullish();

const hypervRole = z.object({
  source: str,
  roleInstalled: bool,
  powershellInstalled: bool,
  vmms: serviceState,
  vmcompute: serviceState,
});

const hypervHost = z.object({
  virtualMachinePath: str,
  virtualHardDiskPath: str,
  migrationEnabled: bool,
  migrationAuthenticationType: enumName(ENUMS.migrationAuth),
  useAnyNetworkForMigration: bool,
  maximumMigrations: num,
  migrationNetworks: list(z.object({ subnet: str, priority: num })),
  numaSpanningEnabled: bool,
  enhancedSessionMode: bool,
  iovSupport: bool,
  logicalProcessorCount: num,
  memoryCapacity: num,
});

const replica = z.object({
  enabled: bool,
  authenticationType: enumName(ENUMS.replicaAuth),
  allowedFromAnyServer: bool,
  kerberosPort: num,
  certificatePort: num,
});

const fileImage = z.object({ name: str, path: str, version: str, size });
const hypervisorBinary = z.object({ files: list(fileImage), searched: list(z.string()) });

const hypervisorLaunch = z.object({ launchType: str, source: str });

/** A code image and its on-disk size; null when the command line named no file, bytes null when it was unreadable. */
const image = z.object({ path: z.string(), bytes: size }).nullish();
const footprint = z.object({
  kernel: list(image),
  vmWorker: image,
  drivers: list(z.object({ name: str, image })),
  services: list(z.object({ name: str, pid: num, image, serviceDll: image })),
  processes: list(z.object({ pid: num, name: str, image })),
  vmManagementModules: list(z.object({ process: str, pid: num, images: list(image) })),
});

const processor = z.object({
  manufacturer: str,
  name: str,
  cores: num,
  logicalProcessors: num,
  virtualizationFirmwareEnabled: bool,
  vmMonitorModeExtensions: bool,
  slat: bool,
  addressWidth: num,
});
/** Whether the Windows hypervisor itself runs on this machine (its counter set answers), not just some hypervisor. */
const windowsHypervisor = z.object({ running: bool, source: str, logicalProcessors: num, detail: str }).nullish();
const cpu = z.object({ processors: list(processor), hypervisorPresent: bool, windowsHypervisor });

const deviceGuard = z.object({
  available: bool,
  vbsStatus: int,
  servicesConfigured: list(z.number().int()),
  servicesRunning: list(z.number().int()),
  availableProperties: list(z.number()),
  requiredProperties: list(z.number()),
  ciPolicyEnforcement: int,
  umciPolicyEnforcement: int,
  unavailableReason: str,
});

const secureBoot = z.object({ uefi: bool, enabled: bool, source: str, firmwareTypeEnv: str, detail: str });

const tpm = z.object({
  present: bool,
  ready: bool,
  enabled: bool,
  activated: bool,
  owned: bool,
  specVersion: str,
  manufacturer: str,
  source: str,
});

const bitlocker = z.object({
  providerPresent: bool,
  cmdletAvailable: bool,
  volumes: list(
    z.object({
      mountPoint: z.string(),
      protectionStatus: enumName(ENUMS.bitlockerProtection),
      volumeStatus: enumName(ENUMS.bitlockerVolume),
      encryptionPercentage: num,
    }),
  ),
});

const drivers = z.object({
  pnp: list(
    z.object({
      deviceName: str,
      deviceClass: str,
      infName: str,
      version: str,
      date: str,
      provider: str,
      manufacturer: str,
      signed: bool,
      signer: str,
    }),
  ),
  kernel: list(
    z.object({
      name: z.string(),
      displayName: str,
      path: str,
      state: str,
      startMode: str,
      serviceType: str,
      company: str,
      fileVersion: str,
    }),
  ),
});

const minifilters = z.object({
  items: list(
    z.object({ name: z.string(), altitudes: list(z.string()), imagePath: str, company: str, start: int, error: str }),
  ),
});

const software = z.object({
  items: list(z.object({ name: z.string(), version: str, publisher: str, installDate: str, estimatedSizeKb: size })),
});

const services = z.object({
  items: list(
    z.object({ name: z.string(), displayName: str, state: str, startMode: str, path: str, account: str, pid: num }),
  ),
});

const stringList = list(z.string());
const defender = z.object({
  installed: bool,
  serviceState: str,
  serviceStartMode: str,
  passiveModePolicy: num,
  statusError: str,
  amServiceEnabled: bool,
  antivirusEnabled: bool,
  realTimeProtection: bool,
  runningMode: str,
  productVersion: str,
  signatureLastUpdated: str,
  signatureAgeDays: num,
  tamperProtected: bool,
  preferences: z
    .object({
      exclusionPath: stringList,
      exclusionProcess: stringList,
      exclusionExtension: stringList,
      disableAutoExclusions: bool,
    })
    .nullish(),
  preferencesError: str,
});

const features = z.object({
  source: str,
  items: list(
    z.object({ name: z.string(), displayName: str, type: str, installState: enumName(ENUMS.featureInstallState) }),
  ),
});

const switches = z.object({
  items: list(
    z.object({
      name: z.string(),
      switchType: enumName(ENUMS.switchType),
      allowManagementOS: bool,
      netAdapterDescription: str,
      embeddedTeaming: bool,
      iovEnabled: bool,
      extensions: list(z.object({ name: z.string(), vendor: str, enabled: bool })),
    }),
  ),
});

/** VMNetworkAdapterVlanSetting as VlanEntry in the collector projects it. */
const vlanSetting = {
  vlanMode: enumName(ENUMS.vlanMode),
  accessVlanId: int,
  nativeVlanId: int,
  allowedVlanIds: list(z.number().int()),
  privateVlanMode: enumName(ENUMS.privateVlanMode),
  primaryVlanId: int,
  secondaryVlanIds: list(z.number().int()),
};

const hostVnics = z.object({
  items: list(
    z.object({
      name: z.string(),
      switchName: str,
      mac: str,
      deviceId: str,
      ifIndex: int,
      ifAlias: str,
      ips: stringList,
      ...vlanSetting,
    }),
  ),
});

const netFilters = z.object({
  items: list(
    z.object({
      switchName: str,
      adapter: str,
      description: str,
      bindings: list(z.object({ componentId: z.string(), displayName: str })),
    }),
  ),
});

const firewall = z.object({
  profiles: list(
    z.object({
      name: z.string(),
      enabled: enumName(ENUMS.gpoBoolean),
      defaultInboundAction: enumName(ENUMS.firewallAction),
      defaultOutboundAction: enumName(ENUMS.firewallAction),
    }),
  ),
});

const rdp = z.object({ denyConnections: int, userAuthentication: int, port: int, securityLayer: int });

const smb = z.object({
  enableSMB1: bool,
  enableSMB2: bool,
  requireSigning: bool,
  enableSigning: bool,
  encryptData: bool,
  auditSmb1Access: bool,
});

const winrm = z.object({
  serviceState: str,
  listeners: list(
    z.object({
      transport: str,
      address: str,
      port: int,
      enabled: bool,
      hostname: str,
      certificateThumbprint: str,
      source: str,
    }),
  ),
  allowUnencrypted: bool,
  /** WSMan, or registry when Get-WSManInstance failed (readErrors.winrm.wsman says why). */
  source: str,
  auth: z
    .object({ basic: bool, kerberos: bool, negotiate: bool, certificate: bool, credSSP: bool, cbtHardeningLevel: str })
    .nullish(),
  clientAuth: z.object({ basic: bool, credSSP: bool }).nullish(),
  /** Setting → 'policy' (Group Policy, Source="GPO") or 'local'. */
  sources: z.record(z.string(), z.string().nullable()).nullish(),
  policy: z
    .object({
      allowBasic: bool,
      allowUnencrypted: bool,
      allowCredSSP: bool,
      clientAllowCredSSP: bool,
      allowAutoConfig: bool,
    })
    .nullish(),
});

const sshd = z.object({ installed: bool, state: str, startMode: str, defaultShell: str });

const listening = z.object({
  udpDynamicPorts: z.object({ start: z.number().int(), count: z.number().int() }).nullish(),
  items: list(
    z.object({
      address: z.string(),
      port: z.number().int(),
      protocol: z.string(),
      pid: num,
      process: str,
      service: str,
    }),
  ),
});

const groups = z.object({
  method: str,
  administrators: stringList,
  hypervAdministrators: stringList,
  remoteManagementUsers: stringList,
  remoteDesktopUsers: stringList,
});

const settingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const settings = z.object({ values: z.record(z.string(), settingValue) });

const vm = z.object({
  name: z.string(),
  id: str,
  state: enumName(ENUMS.vmState),
  status: str,
  generation: int,
  version: str,
  uptimeSeconds: num,
  integrationServicesVersion: str,
  processorCount: num,
  memoryStartup: num,
  checkpointType: str,
  checkpointCount: int,
  replicationState: str,
  secureBoot: enumName(ENUMS.onOff),
  secureBootTemplate: str,
  tpmEnabled: bool,
  shielded: bool,
  nested: bool,
  assignableDevices: int,
  integration: list(z.object({ name: z.string(), id: str, enabled: bool })),
  adapters: list(
    z.object({
      switchName: str,
      macSpoofing: enumName(ENUMS.onOff),
      dhcpGuard: enumName(ENUMS.onOff),
      routerGuard: enumName(ENUMS.onOff),
      portMirroring: enumName(ENUMS.portMirroring),
      ...vlanSetting,
    }),
  ),
  /** Why Get-VMNetworkAdapter failed for this VM (its adapters were not read); null when they were. */
  adaptersError: str,
  error: str,
});
const vms = z.object({ items: list(vm) });

/** Every section the collector produces, in script order; a test checks collector.ps1 against this list. */
export const SECTION_SCHEMAS = {
  privilege,
  os,
  computer,
  hypervRole,
  hypervHost,
  replica,
  hypervisorBinary,
  hypervisorLaunch,
  footprint,
  cpu,
  deviceGuard,
  secureBoot,
  tpm,
  bitlocker,
  drivers,
  minifilters,
  software,
  services,
  defender,
  features,
  switches,
  hostVnics,
  netFilters,
  firewall,
  rdp,
  smb,
  winrm,
  sshd,
  listening,
  groups,
  settings,
  vms,
} as const;

export type SectionName = keyof typeof SECTION_SCHEMAS;
export const SECTIONS = Object.keys(SECTION_SCHEMAS) as SectionName[];
export type Sections = { [K in SectionName]: z.infer<(typeof SECTION_SCHEMAS)[K]> };

/**
 * Sections that need an elevated token (reference §1.3 "Admin" column, ⚠ where marked there). A non-admin run turns
 * their failures — and an empty VM / BitLocker list — into unknown("requires administrator").
 */
export const ADMIN_ONLY: ReadonlySet<SectionName> = new Set<SectionName>([
  'hypervHost',
  'replica',
  'secureBoot',
  'tpm',
  'bitlocker',
  'winrm',
  'vms',
  'switches',
  'hostVnics',
  // bcdedit cannot open the boot configuration store without elevation (Microsoft Learn, BCDEdit); netFilters starts
  // from Get-VMSwitch, as switches does.
  'hypervisorLaunch',
  'netFilters',
]);

export const SectionError = z.object({ message: str, type: str, fqid: str });

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Metadata that must not cost the whole document when a host mangles it: a wrong type reads as absent. */
const optionalText = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v : undefined));

/** The envelope around the sections: an object with schemaVersion 1 is a collector document; the rest is optional. */
export const Envelope = z.object({
  schemaVersion: z.literal(1),
  collectedAtUtc: optionalText,
  psVersion: optionalText,
  /** Section → what the collector caught; an entry of the wrong shape still marks its section failed. */
  errors: z
    .unknown()
    .optional()
    .transform(
      (v) =>
        Object.fromEntries(
          Object.entries(isRecord(v) ? v : {}).map(([name, e]) => {
            const parsed = SectionError.safeParse(e);
            return [name, parsed.success ? parsed.data : { message: 'failed (the error record was unreadable)' }];
          }),
        ) as Record<string, z.infer<typeof SectionError>>,
    ),
  /**
   * Section → label → why the collector could not read a registry value or a whole list (access denied, a failed
   * enumeration): that fact is unknown, not "not set" or empty. Entries of the wrong shape are dropped.
   */
  readErrors: z
    .unknown()
    .optional()
    .transform(
      (v) =>
        Object.fromEntries(
          Object.entries(isRecord(v) ? v : {})
            .filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]))
            .map(([section, labels]) => [
              section,
              Object.fromEntries(Object.entries(labels).filter((l): l is [string, string] => typeof l[1] === 'string')),
            ]),
        ) as Record<string, Record<string, string>>,
    ),
  timingsMs: z
    .unknown()
    .optional()
    .transform((v) =>
      Object.fromEntries(
        Object.entries(isRecord(v) ? v : {}).filter(
          (e): e is [string, number] => typeof e[1] === 'number' && e[1] >= 0,
        ),
      ),
    ),
});
export type Envelope = z.infer<typeof Envelope>;
