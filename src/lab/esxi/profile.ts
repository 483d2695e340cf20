import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { jsonSyntaxProblem } from '../../core/config/json-syntax.js';
import { projectFile } from '../../core/paths.js';

/**
 * Lab host profiles: `esxi-{6.7|7.0|8.0}-{hardened|risky}` = data/lab/esxi/base.json, then the posture file, then the
 * version file's `common` and posture sections, merged object by object (keyed maps, so an overlay changes one
 * service or option without repeating the rest). Arrays replace.
 */
export const ESXI_VERSIONS = ['6.7', '7.0', '8.0'] as const;
export const POSTURES = ['hardened', 'risky'] as const;
export type EsxiProfileName = `esxi-${(typeof ESXI_VERSIONS)[number]}-${(typeof POSTURES)[number]}`;
export const ESXI_PROFILE_NAMES: EsxiProfileName[] = ESXI_VERSIONS.flatMap((v) =>
  POSTURES.map((p): EsxiProfileName => `esxi-${v}-${p}`),
);

const Acceptance = z.enum(['vmware_certified', 'vmware_accepted', 'partner', 'community']);

const Ruleset = z.object({
  label: z.string(),
  required: z.boolean(),
  enabled: z.boolean(),
  service: z.string().optional(),
  rules: z.array(
    z.object({
      port: z.number().int(),
      endPort: z.number().int().optional(),
      direction: z.enum(['inbound', 'outbound']),
      protocol: z.string(),
    }),
  ),
  allowedHosts: z.object({
    allIp: z.boolean(),
    ipAddress: z.array(z.string()).optional(),
    ipNetwork: z.array(z.object({ network: z.string(), prefixLength: z.number().int() })).optional(),
  }),
});

const Service = z.object({
  label: z.string(),
  required: z.boolean(),
  running: z.boolean(),
  policy: z.enum(['on', 'off', 'automatic']),
  ruleset: z.array(z.string()),
  sourcePackage: z.string().optional(),
});

const Option = z.object({
  type: z.enum(['string', 'long', 'int', 'boolean']),
  value: z.union([z.string(), z.number(), z.boolean()]),
});

export const HostProfile = z.object({
  name: z.string(),
  product: z.object({ version: z.string(), build: z.string(), apiVersion: z.string() }),
  installDate: z.string(),
  imageProfile: z.object({ name: z.string(), vendor: z.string() }),
  hardware: z.object({
    vendor: z.string(),
    model: z.string(),
    cpuModel: z.string(),
    cpuVendor: z.string(),
    packages: z.number().int(),
    cores: z.number().int(),
    threads: z.number().int(),
    hz: z.number().int(),
    memorySize: z.number().int(),
    biosVendor: z.string(),
    biosVersion: z.string(),
    biosReleaseDate: z.string(),
    firmwareType: z.enum(['BIOS', 'UEFI']).optional(),
    cpuFeature: z.array(
      z.object({
        level: z.number().int().min(-2147483648).max(2147483647),
        eax: z.string(),
        ebx: z.string(),
        ecx: z.string(),
        edx: z.string(),
      }),
    ),
  }),
  capability: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
  featureCapability: z.record(z.string(), z.string()),
  /** Property paths this version's API does not know: asking for them faults with InvalidProperty. */
  unsupportedProperties: z.array(z.string()),
  stateEncryption: z
    .object({ protectionMode: z.string(), requireSecureBoot: z.boolean(), requireExecInstalledOnly: z.boolean() })
    .optional(),
  acceptanceLevel: Acceptance,
  vibs: z.record(
    z.string(),
    z.object({
      version: z.string(),
      vendor: z.string(),
      acceptanceLevel: Acceptance,
      summary: z.string(),
      type: z.enum(['bootbank', 'tools', 'meta']),
    }),
  ),
  modules: z.record(
    z.string(),
    z.object({
      id: z.number().int(),
      version: z.string(),
      filename: z.string(),
      text: z.number(),
      data: z.number(),
      bss: z.number(),
      readOnly: z.number(),
    }),
  ),
  services: z.record(z.string(), Service),
  firewall: z.object({
    incomingBlocked: z.boolean(),
    outgoingBlocked: z.boolean(),
    rulesets: z.record(z.string(), Ruleset),
  }),
  lockdown: z.object({
    mode: z.enum(['lockdownDisabled', 'lockdownNormal', 'lockdownStrict']),
    exceptions: z.array(z.string()),
  }),
  snmp: z.object({
    enabled: z.boolean(),
    port: z.number().int(),
    readOnlyCommunities: z.array(z.string()),
    trapTargets: z.array(z.object({ hostName: z.string(), port: z.number().int(), community: z.string() })),
  }),
  options: z.record(z.string(), Option),
  ntpServers: z.array(z.string()),
  /** Active Directory domain the host is joined to; null = not joined. */
  activeDirectoryDomain: z.string().nullable(),
  network: z.object({
    vswitches: z.record(
      z.string(),
      z.object({
        uplinks: z.array(z.string()),
        allowPromiscuous: z.boolean(),
        macChanges: z.boolean(),
        forgedTransmits: z.boolean(),
      }),
    ),
    portgroups: z.record(z.string(), z.object({ vswitch: z.string(), vlanId: z.number().int() })),
    /** Each NIC on a standard port group (`portgroup`) or a distributed switch port (`distributedPort`). */
    vmknics: z.record(
      z.string(),
      z.union([
        z.object({ portgroup: z.string(), ip: z.string(), mac: z.string(), services: z.array(z.string()) }),
        z.object({
          distributedPort: z.object({ switchUuid: z.string(), portgroupKey: z.string(), portKey: z.string() }),
          ip: z.string(),
          mac: z.string(),
          services: z.array(z.string()),
        }),
      ]),
    ),
  }),
  /** esxcli answers (ExecuteSoap, esxcli.ts). `missingNamespaces`: handlers this release lacks ("system tls server"). */
  esxcli: z.object({
    hvSupport: z.number().int().min(0).max(3),
    accounts: z.record(z.string(), z.object({ description: z.string(), shellAccess: z.boolean() })),
    syslog: z.object({
      localLogOutput: z.string(),
      localLogOutputIsPersistent: z.boolean(),
      logLevel: z.string(),
      remoteHost: z.string(),
    }),
    logFilteringEnabled: z.boolean(),
    keyPersistence: z.boolean(),
    kernel: z.record(
      z.string(),
      z.object({
        type: z.string(),
        configured: z.string(),
        default: z.string(),
        runtime: z.string(),
        description: z.string(),
      }),
    ),
    tlsProfile: z.string(),
    sshServer: z.record(z.string(), z.string()),
    sshFips: z.boolean(),
    /** Boot modules (tardisks) of the running image and their sizes in bytes. */
    tardisks: z.record(z.string(), z.number().int().nonnegative()),
    missingNamespaces: z.array(z.string()),
    /** `system snmp get`: the v3 protocols and users (userid/authhash/privhash/security, vSphere Monitoring docs). */
    snmp: z.object({ authentication: z.string(), privacy: z.string(), users: z.array(z.string()) }),
    /** Commands that answer with an esxcli CLI fault (VimEsxCLICLIFault errMsg lines) instead of a result. */
    cliFaults: z.record(z.string(), z.array(z.string())).optional(),
  }),
  /** Free ESXi (no paid licence): state-changing calls fault with RestrictedVersion; ExecuteSoap counts as one here. */
  freeLicense: z.boolean().optional(),
  vms: z.record(
    z.string(),
    z.object({
      guestFullName: z.string(),
      guestId: z.string(),
      powerState: z.enum(['poweredOn', 'poweredOff', 'suspended']),
      toolsRunningStatus: z.string(),
      network: z.array(z.string()),
      managedBy: z.object({ extensionKey: z.string(), type: z.string() }).optional(),
    }),
  ),
});
export type HostProfile = z.infer<typeof HostProfile>;

export const VcenterAbout = z.object({
  version: z.string(),
  build: z.string(),
  apiVersion: z.string(),
  releases: z.array(z.string()),
  /** HostSystem paths this vCenter's schema does not know; the vCenter, not the managed host, validates property paths. */
  unsupportedHostProperties: z.array(z.string()).default([]),
});
export type VcenterAbout = z.infer<typeof VcenterAbout>;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(base: Json, overlay: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (key.startsWith('_')) continue; // _about, _notes: documentation only
    out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key] as Json, value) : value;
  }
  return out;
}

function readData(file: string): Json {
  const text = readFileSync(projectFile(`data/lab/esxi/${file}`), 'utf8');
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    throw new Error(`data/lab/esxi/${file} is not valid JSON (${jsonSyntaxProblem(err, text)})`, { cause: err });
  }
}

export function isProfileName(name: string): name is EsxiProfileName {
  return /^esxi-(6\.7|7\.0|8\.0)-(hardened|risky)$/.test(name);
}

const loaded = new Map<EsxiProfileName, HostProfile>();

/** A fresh copy of a profile (the simulator mutates its copy for drift tests); files are read once per name. */
export function loadProfile(name: EsxiProfileName): HostProfile {
  let profile = loaded.get(name);
  if (!profile) {
    profile = readProfile(name);
    loaded.set(name, profile);
  }
  return structuredClone(profile);
}

function readProfile(name: EsxiProfileName): HostProfile {
  const [, version, posture] = /^esxi-(\d\.\d)-(\w+)$/.exec(name) ?? [];
  if (!isProfileName(name))
    throw new Error(`unknown ESXi lab profile '${name}' (expected esxi-{6.7|7.0|8.0}-{hardened|risky})`);
  const versionFile = readData(`esxi-${version}.json`);
  let merged = deepMerge(readData('base.json'), readData(`${posture}.json`));
  merged = deepMerge(merged, (versionFile.common as Json) ?? {});
  merged = deepMerge(merged, (versionFile[posture] as Json) ?? {});
  const parsed = HostProfile.safeParse({ ...merged, name });
  if (!parsed.success) throw new Error(`data/lab/esxi profile ${name} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadVcenterAbout(version: string): VcenterAbout {
  const table = readData('vcenter.json');
  const entry = table[version];
  if (!entry) throw new Error(`data/lab/esxi/vcenter.json has no vCenter version '${version}'`);
  const parsed = VcenterAbout.safeParse(entry);
  if (!parsed.success)
    throw new Error(`data/lab/esxi/vcenter.json version '${version}' is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
