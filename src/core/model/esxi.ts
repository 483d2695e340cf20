import { z } from 'zod';
import { fact, FactString, TriState } from './fact.js';

export const AcceptanceLevel = z.enum(['vmware_certified', 'vmware_accepted', 'partner', 'community']);

export const FirewallRuleset = z
  .object({
    key: z.string(),
    label: z.string().optional(),
    enabled: TriState,
    required: z.boolean().optional(),
    /** allowedHosts.allIp: reachable from any address. */
    allowedAllIp: TriState,
    allowedIps: z.array(z.string()),
    allowedNetworks: z.array(z.string()),
    service: z.string().optional(),
    rules: z.array(
      z
        .object({
          port: z.number().int(),
          endPort: z.number().int().optional(),
          protocol: z.string(),
          direction: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const Firewall = z
  .object({
    incomingBlocked: z.boolean(),
    outgoingBlocked: z.boolean(),
    rulesets: z.array(FirewallRuleset),
  })
  .strict();

export const SecurityPolicy = z
  .object({
    allowPromiscuous: z.boolean().optional(),
    macChanges: z.boolean().optional(),
    forgedTransmits: z.boolean().optional(),
  })
  .strict();

export const EsxiNetwork = z
  .object({
    vswitches: z.array(z.object({ name: z.string(), uplinks: z.array(z.string()), policy: SecurityPolicy }).strict()),
    portgroups: z.array(
      z
        .object({
          name: z.string(),
          vswitch: z.string(),
          vlanId: z.number().int(),
          /** Effective policy (computedPolicy when present, else the spec). */
          policy: SecurityPolicy,
          /** VM NICs attached to this port group, counted from the VMs' networks. */
          vmCount: z.number().int().optional(),
        })
        .strict(),
    ),
    vmknics: z.array(
      z
        .object({
          device: z.string(),
          portgroup: z.string(),
          ip: z.string().optional(),
          /** Roles from QueryNetConfig: management, vmotion, vsan, faultToleranceLogging... */
          services: z.array(z.string()),
        })
        .strict(),
    ),
  })
  .strict();

export const EsxiExposure = z
  .object({
    firewall: fact(Firewall),
    lockdown: z
      .object({
        mode: fact(z.enum(['lockdownDisabled', 'lockdownNormal', 'lockdownStrict'])),
        exceptions: fact(z.array(z.string())),
      })
      .strict(),
    network: fact(EsxiNetwork),
    /** Managed Object Browser (https://host/mob) enabled. */
    mob: TriState,
    snmp: fact(
      z
        .object({
          enabled: TriState,
          port: z.number().int().optional(),
          readOnlyCommunities: z.number().int(),
          trapTargets: z.number().int(),
        })
        .strict(),
    ),
  })
  .strict();

export const OptionValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Hardening settings readable only through esxcli namespaces (controls-and-peers.md §4.2). */
export const EsxiCliSettings = z
  .object({
    /** `system account list`: user and whether it may log in to the shell (dcui, vpxuser...). */
    accounts: fact(z.array(z.object({ user: z.string(), shellAccess: z.boolean() }).strict())),
    /** `system syslog config get` / `logfilter get`. */
    syslog: fact(z.object({ localLogOutputIsPersistent: z.boolean(), logFilteringEnabled: z.boolean().optional() }).strict()),
    /** `system security keypersistence get` → Enabled. */
    keyPersistence: TriState,
    /** `system settings kernel list`: configured values by name (disableHwrng, entropySources...). */
    kernel: fact(z.record(z.string(), z.string())),
    /** `system tls server get` → Profile (COMPATIBLE, NIST_2024, MANUAL). */
    tlsProfile: FactString,
    /**
     * `system tls server get` → Reboot Required: true while the configured profile is not yet the boot profile (the
     * STIG's --show-current-boot-profile check). Structured field name RebootRequired unverified; absent in older facts.
     */
    tlsRebootRequired: TriState.optional(),
    /** `system ssh server config list`: sshd keywords (lowercase) → value. */
    sshServer: fact(z.record(z.string(), z.string())),
    /** `system security fips140 ssh get` → Enabled. */
    sshFips: TriState,
    /**
     * `system snmp get`: the agent's SNMP v3 protocols and users with their security level (none, auth, priv), which
     * no vim25 property reports. Absent in facts written before it was collected.
     */
    snmpV3: fact(
      z
        .object({
          enabled: z.boolean().optional(),
          authentication: z.string(),
          privacy: z.string(),
          users: z.array(z.object({ user: z.string(), security: z.enum(['none', 'auth', 'priv']) }).strict()),
        })
        .strict(),
    ).optional(),
  })
  .strict();

export const EsxiDetails = z
  .object({
    /** content.about.apiType: HostAgent (ESXi) or VirtualCenter. */
    apiType: FactString,
    acceptanceLevel: fact(AcceptanceLevel),
    imageProfile: FactString,
    installDate: FactString,
    /** Advanced options by key (config.option / OptionManager), values as the API typed them. */
    advancedOptions: fact(z.record(z.string(), OptionValue)),
    ntp: fact(z.object({ servers: z.array(z.string()) }).strict()),
    /**
     * Active Directory membership from config.authenticationManagerInfo.authConfig[] (HostActiveDirectoryInfo);
     * joinedDomain null = not joined. Absent in facts saved before it was collected.
     */
    activeDirectory: fact(z.object({ joinedDomain: z.string().nullable() }).strict()).optional(),
    stateEncryption: fact(
      z
        .object({
          protectionMode: z.string(),
          requireSecureBoot: z.boolean().optional(),
          requireExecInstalledOnly: z.boolean().optional(),
        })
        .strict(),
    ),
    /** The TLS certificate the management endpoint presented during collection. */
    certificate: fact(
      z
        .object({
          subject: z.string(),
          issuer: z.string(),
          notAfter: z.string(),
          selfSigned: z.boolean(),
          sha256: z.string(),
        })
        .strict(),
    ),
    /** config.featureCapability keys and values (cpuid.VMX, hv.capable...). */
    featureCapability: fact(z.record(z.string(), z.string())),
    /**
     * Settings that only esxcli reports (read over ExecuteSoap, vsphere-api.md §3.6). Absent when the connector does not
     * collect them; each field is unknown when that one call failed.
     */
    cli: EsxiCliSettings.optional(),
  })
  .strict();

/** The TypeScript types of the schemas above, for rules and connectors that take a part of the facts. */
export type AcceptanceLevel = z.infer<typeof AcceptanceLevel>;
export type FirewallRuleset = z.infer<typeof FirewallRuleset>;
export type Firewall = z.infer<typeof Firewall>;
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;
export type EsxiNetwork = z.infer<typeof EsxiNetwork>;
export type EsxiExposure = z.infer<typeof EsxiExposure>;
export type OptionValue = z.infer<typeof OptionValue>;
export type EsxiCliSettings = z.infer<typeof EsxiCliSettings>;
export type EsxiDetails = z.infer<typeof EsxiDetails>;
