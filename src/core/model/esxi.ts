import { z } from 'zod';
import { absentWhen, fact, FactString, TriState } from './fact.js';

export const AcceptanceLevel = z.enum(['vmware_certified', 'vmware_accepted', 'partner', 'community']);

export const FirewallRuleset = z
  .object({
    key: z.string(),
    label: absentWhen('the host gave the ruleset no label (display only: rules go by key)', z.string()),
    enabled: TriState,
    required: absentWhen(
      'the host did not say whether the ruleset is required (display only: no rule reads it)',
      z.boolean(),
    ),
    /** allowedHosts.allIp: reachable from any address. */
    allowedAllIp: TriState,
    allowedIps: z.array(z.string()),
    allowedNetworks: z.array(z.string()),
    service: absentWhen('the ruleset belongs to no service (HostFirewallRuleset.service unset)', z.string()),
    /** Unknown when a rule came without a field vim25 requires (port, protocol, direction). */
    rules: fact(
      z.array(
        z
          .object({
            port: z.number().int(),
            endPort: absentWhen('a single-port rule (HostFirewallRule.endPort unset or 0)', z.number().int()),
            protocol: z.string(),
            direction: z.string(),
          })
          .strict(),
      ),
    ),
  })
  .strict();

export const Firewall = z
  .object({ incomingBlocked: z.boolean(), outgoingBlocked: z.boolean(), rulesets: z.array(FirewallRuleset) })
  .strict();

/**
 * HostNetworkSecurityPolicy: every field is optional in vim25, and a port group that leaves one unset inherits its
 * vSwitch's value (rules read it that way; an unset vSwitch value is answered unknown).
 */
const INHERITED = "unset in the spec: a port group inherits its vSwitch's value (HostNetworkSecurityPolicy)";
export const SecurityPolicy = z
  .object({
    allowPromiscuous: absentWhen(INHERITED, z.boolean()),
    macChanges: absentWhen(INHERITED, z.boolean()),
    forgedTransmits: absentWhen(INHERITED, z.boolean()),
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
          vlanId: fact(z.number().int()),
          /** Effective policy (computedPolicy when present, else the spec). */
          policy: SecurityPolicy,
          /** VM NICs attached to this port group, counted from the VMs' networks. */
          vmCount: fact(z.number().int().nonnegative()),
        })
        .strict(),
    ),
    vmknics: z.array(
      z
        .object({
          device: z.string(),
          /** The standard port group (HostVirtualNic.portgroup); unknown when neither it nor a DVS port was reported. */
          portgroup: absentWhen(
            'the NIC is on a distributed switch: vim25 HostVirtualNic.portgroup is empty there and spec.distributedVirtualPort names the port (govmomi vim25/types HostVirtualNicSpec)',
            fact(z.string().min(1)),
          ),
          /** The distributed switch port (HostVirtualNicSpec.distributedVirtualPort, DistributedVirtualSwitchPortConnection). */
          distributedPort: absentWhen(
            'the NIC is on a standard vSwitch port group, or its connection was not reported (then portgroup is unknown)',
            z
              .object({
                switchUuid: z.string(),
                portgroupKey: absentWhen(
                  'a standalone DVS port outside any port group (DistributedVirtualSwitchPortConnection.portgroupKey is optional)',
                  z.string(),
                ),
                portKey: absentWhen(
                  'no port key reported (DistributedVirtualSwitchPortConnection.portKey is optional)',
                  z.string(),
                ),
              })
              .strict(),
          ),
          ip: absentWhen(
            'the NIC has no IPv4 address (HostIpConfig.ipAddress unset: DHCP without a lease, IPv6 only)',
            z.string(),
          ),
          /** Roles from QueryNetConfig: management, vmotion, vsan, faultToleranceLogging... */
          services: fact(z.array(z.string())),
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
          port: absentWhen(
            'HostSnmpConfigSpec.port unset: the agent listens on its default port (161)',
            z.number().int(),
          ),
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
    syslog: fact(z.object({ localLogOutputIsPersistent: z.boolean(), logFilteringEnabled: TriState }).strict()),
    /** `system security keypersistence get` → Enabled. */
    keyPersistence: TriState,
    /** `system settings kernel list`: configured values by name (disableHwrng, entropySources...). */
    kernel: fact(z.record(z.string(), z.string())),
    /** `system tls server get` → Profile (COMPATIBLE, NIST_2024, MANUAL). */
    tlsProfile: FactString,
    /**
     * `system tls server get` → Reboot Required: true while the configured profile is not yet the boot profile (the
     * STIG's --show-current-boot-profile check). Structured field name RebootRequired unverified.
     */
    tlsRebootRequired: TriState,
    /** `system ssh server config list`: sshd keywords (lowercase) → value, unknown where a row had a Key and no Value. */
    sshServer: fact(z.record(z.string(), FactString)),
    /** `system security fips140 ssh get` → Enabled. */
    sshFips: TriState,
    /**
     * `system snmp get`: the agent's SNMP v3 protocols and users with their security level (none, auth, priv), which
     * no vim25 property reports.
     */
    snmpV3: fact(
      z
        .object({
          enabled: TriState,
          authentication: z.string(),
          privacy: z.string(),
          users: z.array(z.object({ user: z.string(), security: z.enum(['none', 'auth', 'priv']) }).strict()),
        })
        .strict(),
    ),
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
     * joinedDomain null = not joined.
     */
    activeDirectory: fact(z.object({ joinedDomain: z.string().nullable() }).strict()),
    stateEncryption: fact(
      z
        .object({ protectionMode: FactString, requireSecureBoot: TriState, requireExecInstalledOnly: TriState })
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
    /** Settings that only esxcli reports (read over ExecuteSoap, vsphere-api.md §3.6); each is unknown when its call failed. */
    cli: EsxiCliSettings,
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
