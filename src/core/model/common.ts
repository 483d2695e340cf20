import { z } from 'zod';
import { fact, FactNumber, FactString, TriState } from './fact.js';

export const Platform = z.enum(['esxi', 'hyperv']);
export type Platform = z.infer<typeof Platform>;

export const Identity = z
  .object({
    /** The config target name, or for vCenter-discovered hosts the host's name in the inventory. */
    name: z.string(),
    address: z.string(),
    hardwareVendor: FactString,
    hardwareModel: FactString,
    systemUuid: FactString,
    /** vCenter (target name) that manages this host, when it was reached through one. */
    managedBy: z.string().optional(),
    /** The host is itself a virtual machine (nested lab host). */
    nested: TriState,
  })
  .strict();

export const Product = z
  .object({
    name: FactString,
    version: FactString,
    build: FactString,
    /** ESXi update/patch name (e.g. "8.0 U3e") or Windows UBR as a string. */
    patchLevel: FactString,
    /** Marketing release ("ESXi 8.0 Update 3e", "Windows Server 2022 21H2"). */
    releaseName: FactString,
    /** ISO date at which general support ends, when the build table knows it. */
    endOfSupport: FactString,
    apiVersion: FactString,
  })
  .strict();

export const CpuVirtualization = z
  .object({
    /** Which extension family the CPU vendor implies. */
    extension: fact(z.enum(['vt-x', 'amd-v', 'none'])),
    /** The CPU implements VT-x / AMD-V (CPUID). */
    presentInCpu: TriState,
    /** Firmware has enabled it (not locked off in BIOS/UEFI). */
    enabledInFirmware: TriState,
    /** Second-level address translation (EPT / RVI). */
    slat: TriState,
    /** A hypervisor is running underneath the OS that reported the CPU flags. */
    hypervisorPresent: TriState,
    /** CPU flags read false only because a running hypervisor masks them (Hyper-V root partition). */
    flagsMasked: TriState,
    /** Where each value came from, e.g. "hardware.cpuFeature leaf 1 ECX[5]". */
    evidence: z.array(z.string()),
  })
  .strict();

export const Cpu = z
  .object({
    vendor: FactString,
    model: FactString,
    packages: FactNumber,
    cores: FactNumber,
    threads: FactNumber,
    virtualization: CpuVirtualization,
  })
  .strict();

export const Firmware = z
  .object({
    type: fact(z.enum(['uefi', 'bios'])),
    secureBoot: TriState,
    tpmPresent: TriState,
    /** "2.0", "1.2", or null when no TPM. */
    tpmVersion: fact(z.string().nullable()),
  })
  .strict();

/**
 * One footprint measure (docs/footprint.md): the on-disk bytes of the distinct code images it counts, with the images
 * as evidence. The definitions are shared by both platforms (src/core/model/footprint.ts); `approximation` says how a
 * platform's number departs from its definition.
 */
export const FootprintMeasure = z
  .object({
    /** Sum of the images' sizes; unknown when no image has a size this platform can read. */
    bytes: fact(z.number().nonnegative()),
    /** What was counted, image by image, so the number can be checked. */
    counted: z.array(
      z
        .object({
          item: z.string(),
          bytes: z.number().nonnegative().optional(),
          /** Why the image is in the measure: "kernel driver", "VM management service vmms", "tcp/5985"... */
          role: z.string().optional(),
        })
        .strict(),
    ),
    /** One sentence: the definition this measure uses (the same for both platforms). */
    definition: z.string(),
    /** How this platform's number departs from the definition; absent when it is measured as defined. */
    approximation: z.string().optional(),
    /** Images the platform reported but the measure leaves out, each with why (ESXi boot modules that hold no code). */
    leftOut: z.array(z.object({ item: z.string(), bytes: z.number().nonnegative().optional(), why: z.string() }).strict()).optional(),
  })
  .strict();

export const Footprint = z
  .object({
    /** Code that runs at the hypervisor's privilege. */
    hypervisorCode: fact(FootprintMeasure),
    /** The hypervisor plus everything with control over every VM. */
    trustedComputingBase: fact(FootprintMeasure),
    /** Code of the services that listen on the network. */
    managementSurface: fact(FootprintMeasure),
  })
  .strict();

export const Driver = z
  .object({
    name: z.string(),
    version: z.string().optional(),
    vendor: z.string().optional(),
    /** ESXi acceptance level, normalised: vmware_certified | vmware_accepted | partner | community. */
    acceptanceLevel: z.enum(['vmware_certified', 'vmware_accepted', 'partner', 'community']).optional(),
    /** Windows driver signer, or "unsigned". */
    signer: z.string().optional(),
    signed: z.boolean().optional(),
    /** True for code loaded in the hypervisor (ESXi VIB / vmkernel module); false for management-OS drivers. */
    inHypervisor: z.boolean(),
    kind: z.enum(['vib', 'vmkernel-module', 'pnp', 'kernel', 'filesystem', 'other']),
    /** Where it was read: "fetchSoftwarePackages", "QueryModules", "Win32_PnPSignedDriver"... */
    source: z.string(),
    installDate: z.string().optional(),
    summary: z.string().optional(),
    loaded: z.boolean().optional(),
  })
  .strict();

export const AgentKind = z.enum(['antivirus', 'edr', 'introspection', 'backup', 'monitoring', 'management', 'other']);

export const Agent = z
  .object({
    name: z.string(),
    kind: AgentKind,
    scope: z.enum(['hypervisor', 'management-os']),
    vendor: z.string().optional(),
    version: z.string().optional(),
    /** How it was recognised: "VIB epsec-mux", "service CSFalconService (Running)". */
    evidence: z.array(z.string()).min(1),
  })
  .strict();

export const Service = z
  .object({
    name: z.string(),
    label: z.string().optional(),
    running: fact(z.boolean()),
    /** ESXi: on | automatic | off; Windows: Auto | Manual | Disabled | Boot | System. */
    startupPolicy: z.string().optional(),
    ports: z.array(z.object({ port: z.number().int(), protocol: z.string() }).strict()).optional(),
    /** Reachable beyond localhost (firewall open to any address, listening on a non-loopback address). */
    exposed: fact(z.boolean()),
    /** ESXi firewall rulesets that belong to the service. */
    rulesets: z.array(z.string()).optional(),
  })
  .strict();

export const VmSummary = z
  .object({
    name: z.string(),
    powerState: z.string().optional(),
    guestOs: z.string().optional(),
    /** Hyper-V generation (1/2); ESXi: firmware "efi" counts as 2-like for Secure Boot. */
    generation: z.number().int().optional(),
    firmware: z.string().optional(),
    secureBoot: TriState.optional(),
    vtpm: TriState.optional(),
    shielded: TriState.optional(),
    nestedVirtualization: TriState.optional(),
    /** PCI passthrough / DDA devices. */
    passthroughDevices: z.number().int().optional(),
    /** Hyper-V: name in English when the service GUID (id) is known, the host's localized name beside it. */
    integrationServices: z.array(z.object({ name: z.string(), id: z.string().optional(), localizedName: z.string().optional(), enabled: TriState }).strict()).optional(),
    /** Guest-introspection hints: thin agent driver in VMware Tools, partner service VM... */
    introspection: z.array(z.string()).optional(),
    /** The VM is a partner security service VM (ESX Agent Manager agent, SVA). */
    serviceVm: z.boolean().optional(),
    checkpoints: z.number().int().optional(),
    error: z.string().optional(),
  })
  .strict();

export const Vms = z
  .object({
    count: z.number().int().nonnegative(),
    items: z.array(VmSummary),
  })
  .strict();

export const CollectionError = z
  .object({
    /** connect | tls | auth | collect | parse | timeout | aborted, or a section name for a per-section error. */
    step: z.string(),
    section: z.string().optional(),
    message: z.string(),
    code: z.string().optional(),
  })
  .strict();

export const Collection = z
  .object({
    connector: z.string(),
    /** "vim25-soap", "vi-json", "vcenter-rest+vim25-soap", "ssh", "winrm-https-basic", "winrm-http-ntlm"... */
    protocol: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    /** How the server was authenticated: ca | pinned | insecure (recorded and reported), host-key pin / known_hosts. */
    serverTrust: z.enum(['ca', 'pinned', 'insecure', 'host-key-pinned', 'known-hosts', 'trust-on-first-use', 'none']),
    /**
     * Round trips the collection took (requests sent), for the round-trip budget. HTTP connectors (ESXi, vCenter,
     * Hyper-V over WinRM, NTLM handshake included) count HTTP requests; Hyper-V over SSH counts commands run (exec
     * channels), not the SSH handshake and authentication packets.
     */
    requests: z.number().int().nonnegative().optional(),
    sections: z.record(z.string(), z.object({ ms: z.number().nonnegative(), ok: z.boolean() }).strict()),
    errors: z.array(CollectionError),
  })
  .strict();

export { FactNumber, FactString, TriState };

/** The TypeScript types of the schemas above, for rules and connectors that take a part of the facts. */
export type Identity = z.infer<typeof Identity>;
export type Product = z.infer<typeof Product>;
export type CpuVirtualization = z.infer<typeof CpuVirtualization>;
export type Cpu = z.infer<typeof Cpu>;
export type Firmware = z.infer<typeof Firmware>;
export type FootprintMeasure = z.infer<typeof FootprintMeasure>;
export type Footprint = z.infer<typeof Footprint>;
export type Driver = z.infer<typeof Driver>;
export type AgentKind = z.infer<typeof AgentKind>;
export type Agent = z.infer<typeof Agent>;
export type Service = z.infer<typeof Service>;
export type VmSummary = z.infer<typeof VmSummary>;
export type Vms = z.infer<typeof Vms>;
export type CollectionError = z.infer<typeof CollectionError>;
export type Collection = z.infer<typeof Collection>;
