import { z } from 'zod';
import { absentWhen, fact, FactNumber, FactString, TriState } from './fact.js';

/** Why a descriptive field may be absent: it only labels what a rule judges by other fields. */
const DESCRIPTIVE = 'descriptive only: not every source reports it, and no rule judges it';

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
    managedBy: absentWhen('the host was scanned directly, not through a vCenter', z.string()),
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
          bytes: absentWhen(
            'the platform reports no size for this image (an ESXi VIB, a Windows image it could not stat): the total is then a lower bound, see unsizedImages',
            z.number().nonnegative(),
          ),
          /** Why the image is in the measure: "kernel driver", "VM management service vmms", "tcp/5985"... */
          role: absentWhen("the measure's definition alone accounts for the image", z.string()),
        })
        .strict(),
    ),
    /**
     * A definition other than today's, which the measure was taken with (a report saved before the three measures).
     * Absent, the definition is FOOTPRINT_DEFINITIONS' (docs/footprint.md; in a report, the rule catalogue's
     * host-footprint-measured rationale): written in every measure of every host it was 0.5 KB a host.
     */
    definition: absentWhen("the measure was taken with today's definition (FOOTPRINT_DEFINITIONS)", z.string()),
    /** How this platform's number departs from the definition; absent when it is measured as defined. */
    approximation: absentWhen('the platform measures as the definition says', z.string()),
    /** Images the platform reported but the measure leaves out, each with why (ESXi boot modules that hold no code). */
    leftOut: absentWhen(
      'the platform left no reported image out',
      z.array(
        z
          .object({
            item: z.string(),
            bytes: absentWhen('the platform reports no size for this image', z.number().nonnegative()),
            why: z.string(),
          })
          .strict(),
      ),
    ),
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
    version: absentWhen(DESCRIPTIVE, z.string()),
    /** Rules read a missing vendor as not the platform's own (third party), never as the platform's. */
    vendor: absentWhen('the source names no vendor (Win32_SystemDriver, a vmkernel module outside a VIB)', z.string()),
    /** ESXi acceptance level, normalised: vmware_certified | vmware_accepted | partner | community. */
    acceptanceLevel: absentWhen(
      'not an ESXi VIB: only VIBs carry an acceptance level',
      z.enum(['vmware_certified', 'vmware_accepted', 'partner', 'community']),
    ),
    /** Windows driver signer, or "unsigned". */
    signer: absentWhen(
      'not a Windows driver listed by Win32_PnPSignedDriver (ESXi code is judged by acceptance level)',
      z.string(),
    ),
    signed: absentWhen(
      'not a Windows driver listed by Win32_PnPSignedDriver (ESXi code is judged by acceptance level)',
      z.boolean(),
    ),
    /** True for code loaded in the hypervisor (ESXi VIB / vmkernel module); false for management-OS drivers. */
    inHypervisor: z.boolean(),
    kind: z.enum(['vib', 'vmkernel-module', 'pnp', 'kernel', 'filesystem', 'other']),
    /** Where it was read: "fetchSoftwarePackages", "QueryModules", "Win32_PnPSignedDriver"... */
    source: z.string(),
    installDate: absentWhen(DESCRIPTIVE, z.string()),
    summary: absentWhen(DESCRIPTIVE, z.string()),
    loaded: absentWhen(DESCRIPTIVE, z.boolean()),
  })
  .strict();

export const AgentKind = z.enum(['antivirus', 'edr', 'introspection', 'backup', 'monitoring', 'management', 'other']);

export const Agent = z
  .object({
    name: z.string(),
    kind: AgentKind,
    scope: z.enum(['hypervisor', 'management-os']),
    /** Rules read a missing vendor as not the operating system's own. */
    vendor: absentWhen('the evidence that recognised the agent names no vendor', z.string()),
    version: absentWhen(DESCRIPTIVE, z.string()),
    /** How it was recognised: "VIB epsec-mux", "service CSFalconService (Running)". */
    evidence: z.array(z.string()).min(1),
  })
  .strict();

export const Service = z
  .object({
    name: z.string(),
    label: absentWhen(
      'the host gave the service no display name (HostService.label, the Windows DisplayName)',
      z.string(),
    ),
    running: fact(z.boolean()),
    /** ESXi: on | automatic | off; Windows: Auto | Manual | Disabled | Boot | System. */
    startupPolicy: FactString,
    ports: absentWhen(
      "no inbound firewall rule names the service's ports",
      z.array(z.object({ port: z.number().int(), protocol: z.string() }).strict()),
    ),
    /** Reachable beyond localhost (firewall open to any address, listening on a non-loopback address). */
    exposed: fact(z.boolean()),
    /** ESXi firewall rulesets that belong to the service. */
    rulesets: absentWhen('not ESXi, or no ESXi firewall ruleset belongs to the service', z.array(z.string())),
  })
  .strict();

export const VmSummary = z
  .object({
    name: z.string(),
    powerState: absentWhen(DESCRIPTIVE, z.string()),
    guestOs: absentWhen(DESCRIPTIVE, z.string()),
    /** Hyper-V generation (1/2); ESXi: firmware "efi" counts as 2-like for Secure Boot. */
    generation: absentWhen('not Hyper-V: only Hyper-V VMs have a generation (ESXi: firmware)', z.number().int()),
    firmware: absentWhen('not ESXi: config.firmware is a vSphere VM property (Hyper-V: generation)', z.string()),
    /** Generation 1 (BIOS) VMs have no Secure Boot at all: false by design, not unknown. */
    secureBoot: TriState,
    vtpm: TriState,
    shielded: absentWhen(
      "not Hyper-V: shielded VMs are Hyper-V's (Get-VMSecurity Shielded); vSphere has no such VM property",
      TriState,
    ),
    nestedVirtualization: TriState,
    /** PCI passthrough / DDA devices. */
    passthroughDevices: fact(z.number().int()),
    /** Hyper-V: name in English when the service GUID (id) is known, the host's localized name beside it. */
    integrationServices: absentWhen(
      "not Hyper-V: integration services are Hyper-V's (Get-VMIntegrationService)",
      z.array(
        z
          .object({
            name: z.string(),
            id: absentWhen('the host reported no service GUID (VMIntegrationComponent.Id)', z.string()),
            localizedName: absentWhen(
              'the host names the service in English, or its GUID is not a known one',
              z.string(),
            ),
            enabled: TriState,
          })
          .strict(),
      ),
    ),
    /** Guest-introspection hints: thin agent driver in VMware Tools, partner service VM... */
    introspection: absentWhen(
      'no introspection hint was seen (VMware Tools thin agent, partner service VM)',
      z.array(z.string()),
    ),
    /** The VM is a partner security service VM (ESX Agent Manager agent, SVA). */
    serviceVm: absentWhen('not ESXi, or config.managedBy names no partner extension', TriState),
    checkpoints: absentWhen(
      'not Hyper-V: checkpoints are counted with Get-VMSnapshot; ESXi snapshots are not collected',
      fact(z.number().int()),
    ),
    error: absentWhen('the VM was read without error', z.string()),
  })
  .strict();

export const Vms = z.object({ count: z.number().int().nonnegative(), items: z.array(VmSummary) }).strict();

export const CollectionError = z
  .object({
    /** connect | tls | auth | collect | parse | timeout | aborted, or a section name for a per-section error. */
    step: z.string(),
    section: absentWhen('the error is not about one section (connect, tls, auth...)', z.string()),
    message: z.string(),
    code: absentWhen('the error carries no code (a fault name, an errno)', z.string()),
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
    requests: absentWhen('the connector does not count its round trips', z.number().int().nonnegative()),
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
