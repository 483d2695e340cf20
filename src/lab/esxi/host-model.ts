import { createHash } from 'node:crypto';
import type { HostProfile } from './profile.js';
import { data, Data, list, moref, MoRef, Prim, strings, type VimValue } from './values.js';

/** Manager kinds in HostConfigManager, their vim25 types, and the moIds a standalone ESXi host uses for them. */
export const MANAGERS = {
  advancedOption: { type: 'OptionManager', esxi: 'ha-adv-options', vc: 'EsxHostAdvSettings' },
  serviceSystem: { type: 'HostServiceSystem', esxi: 'serviceSystem', vc: 'serviceSystem' },
  firewallSystem: { type: 'HostFirewallSystem', esxi: 'firewallSystem', vc: 'firewallSystem' },
  imageConfigManager: { type: 'HostImageConfigManager', esxi: 'ha-image-config-manager', vc: 'imageConfigManager' },
  kernelModuleSystem: { type: 'HostKernelModuleSystem', esxi: 'kernelModuleSystem', vc: 'kernelModuleSystem' },
  hostAccessManager: { type: 'HostAccessManager', esxi: 'ha-host-access-manager', vc: 'hostAccessManager' },
  virtualNicManager: { type: 'HostVirtualNicManager', esxi: 'ha-vnic-mgr', vc: 'virtualNicManager' },
  networkSystem: { type: 'HostNetworkSystem', esxi: 'networkSystem', vc: 'networkSystem' },
  snmpSystem: { type: 'HostSnmpSystem', esxi: 'ha-snmp-agent', vc: 'snmpSystem' },
} as const;
export type ManagerKind = keyof typeof MANAGERS;

/** HostVirtualNicManagerNicType values (vSphere API reference; the seven govmomi's captured host lists). */
export const NIC_TYPES = [
  'management',
  'vmotion',
  'vsan',
  'faultToleranceLogging',
  'vSphereReplication',
  'vSphereReplicationNFC',
  'vSphereProvisioning',
];

export interface SimVm {
  moId: string;
  name: string;
}

/**
 * One simulated ESXi host: its profile (mutable at runtime for drift tests) rendered as vim25 data objects.
 * Rendering is cached until a setter changes the profile.
 */
export class SimHost {
  readonly managers: Record<ManagerKind, MoRef>;
  readonly vms: SimVm[];
  private cache: Record<string, VimValue | undefined> | undefined;

  constructor(
    readonly moId: string,
    readonly name: string,
    readonly profile: HostProfile,
    readonly parent: MoRef,
    private readonly networkRef: (portgroup: string) => MoRef,
    vmIdPrefix: string,
    readonly managementServerIp?: string,
  ) {
    const suffix = moId.startsWith('host-') ? moId.slice('host-'.length) : '';
    this.managers = Object.fromEntries(
      Object.entries(MANAGERS).map(([kind, m]) => [kind, moref(m.type, suffix ? `${m.vc}-${suffix}` : m.esxi)]),
    ) as Record<ManagerKind, MoRef>;
    this.vms = Object.keys(profile.vms).map((vmName, i) => ({ moId: `${vmIdPrefix}${i + 1}`, name: vmName }));
  }

  /** Marks the rendered properties stale after a runtime change. */
  changed(): void {
    this.cache = undefined;
  }

  about(): Data {
    const p = this.profile.product;
    return data('AboutInfo', {
      name: 'VMware ESXi',
      fullName: `VMware ESXi ${p.version} build-${p.build}`,
      vendor: 'VMware, Inc.',
      version: p.version,
      build: p.build,
      localeVersion: 'INTL',
      localeBuild: '000',
      osType: 'vmnix-x86',
      productLineId: 'embeddedEsx',
      apiType: 'HostAgent',
      apiVersion: p.apiVersion,
      licenseProductName: 'VMware ESX Server',
      licenseProductVersion: p.version.split('.')[0] + '.0',
    });
  }

  uuid(): string {
    const h = createHash('sha1').update(this.name).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  options(): Data[] {
    return Object.entries(this.profile.options)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, o]) => data('OptionValue', { key, value: new Prim(o.type, o.value) }));
  }

  serviceInfo(): Data {
    const services = Object.entries(this.profile.services).map(([key, s]) =>
      data('HostService', {
        key,
        label: s.label,
        required: s.required,
        uninstallable: false,
        running: s.running,
        ruleset: strings(s.ruleset),
        policy: s.policy,
        sourcePackage: s.sourcePackage
          ? data('HostServiceSourcePackage', { sourcePackageName: s.sourcePackage, description: s.label })
          : undefined,
      }),
    );
    return data('HostServiceInfo', { service: list('HostService', services) });
  }

  firewallInfo(): Data {
    const fw = this.profile.firewall;
    const rulesets = Object.entries(fw.rulesets).map(([key, r]) =>
      data('HostFirewallRuleset', {
        key,
        label: r.label,
        required: r.required,
        rule: list(
          'HostFirewallRule',
          r.rules.map((rule) =>
            data('HostFirewallRule', {
              port: rule.port,
              endPort: rule.endPort,
              direction: rule.direction,
              portType: 'dst',
              protocol: rule.protocol,
            }),
          ),
        ),
        service: r.service,
        enabled: r.enabled,
        allowedHosts: data('HostFirewallRulesetIpList', {
          ipAddress: strings(r.allowedHosts.ipAddress ?? []),
          ipNetwork: list(
            'HostFirewallRulesetIpNetwork',
            (r.allowedHosts.ipNetwork ?? []).map((n) =>
              data('HostFirewallRulesetIpNetwork', { network: n.network, prefixLength: n.prefixLength }),
            ),
          ),
          allIp: r.allowedHosts.allIp,
        }),
        userControllable: !r.required,
        ipListUserConfigurable: !r.required,
      }),
    );
    return data('HostFirewallInfo', {
      defaultPolicy: data('HostFirewallDefaultPolicy', {
        incomingBlocked: fw.incomingBlocked,
        outgoingBlocked: fw.outgoingBlocked,
      }),
      ruleset: list('HostFirewallRuleset', rulesets),
    });
  }

  networkInfo(): Data {
    const net = this.profile.network;
    const security = (s: { allowPromiscuous: boolean; macChanges: boolean; forgedTransmits: boolean }) =>
      data('HostNetworkPolicy', {
        security: data('HostNetworkSecurityPolicy', {
          allowPromiscuous: s.allowPromiscuous,
          macChanges: s.macChanges,
          forgedTransmits: s.forgedTransmits,
        }),
      });
    const vswitch = Object.entries(net.vswitches).map(([name, v]) =>
      data('HostVirtualSwitch', {
        name,
        key: `key-vim.host.VirtualSwitch-${name}`,
        numPorts: 2560,
        portgroup: strings(
          Object.entries(net.portgroups)
            .filter(([, pg]) => pg.vswitch === name)
            .map(([pg]) => `key-vim.host.PortGroup-${pg}`),
        ),
        pnic: strings(v.uplinks.map((u) => `key-vim.host.PhysicalNic-${u}`)),
        spec: data('HostVirtualSwitchSpec', { numPorts: 2560, policy: security(v) }),
      }),
    );
    const portgroup = Object.entries(net.portgroups).map(([name, pg]) => {
      const sw = net.vswitches[pg.vswitch];
      return data('HostPortGroup', {
        key: `key-vim.host.PortGroup-${name}`,
        vswitch: `key-vim.host.VirtualSwitch-${pg.vswitch}`,
        computedPolicy: sw ? security(sw) : undefined,
        spec: data('HostPortGroupSpec', {
          name,
          vlanId: pg.vlanId,
          vswitchName: pg.vswitch,
          policy: data('HostNetworkPolicy', {}),
        }),
      });
    });
    return data('HostNetworkInfo', {
      vswitch: list('HostVirtualSwitch', vswitch),
      portgroup: list('HostPortGroup', portgroup),
      vnic: list('HostVirtualNic', this.virtualNics()),
    });
  }

  snmpConfiguration(): Data {
    const snmp = this.profile.snmp;
    return data('HostSnmpConfigSpec', {
      enabled: snmp.enabled,
      port: snmp.port,
      readOnlyCommunities: strings(snmp.readOnlyCommunities),
      trapTargets: list(
        'HostSnmpDestination',
        snmp.trapTargets.map((t) => data('HostSnmpDestination', { ...t })),
      ),
    });
  }

  /** HostVirtualNic per vmknic; `keyOf` gives its key (HostNetworkInfo.vnic: key-vim.host.VirtualNic-vmk0). */
  virtualNics(keyOf = (device: string) => `key-vim.host.VirtualNic-${device}`): Data[] {
    return Object.entries(this.profile.network.vmknics).map(([device, nic]) =>
      data('HostVirtualNic', {
        device,
        key: keyOf(device),
        // vim25 HostVirtualNic.portgroup has no omitempty (govmomi vim25/types/types.go): a NIC on a distributed
        // switch sends it empty, and HostVirtualNicSpec.distributedVirtualPort names its port instead.
        portgroup: 'portgroup' in nic ? nic.portgroup : '',
        spec: data('HostVirtualNicSpec', {
          ...('distributedPort' in nic && {
            distributedVirtualPort: data('DistributedVirtualSwitchPortConnection', nic.distributedPort),
          }),
          ip: data('HostIpConfig', { dhcp: false, ipAddress: nic.ip, subnetMask: '255.255.255.0' }),
          mac: nic.mac,
          mtu: 1500,
        }),
        port: `key-vim.host.PortGroup.Port-${device}`,
      }),
    );
  }

  /**
   * The VMkernel NICs of one service type as VirtualNicManagerNetConfig, the same in HostVirtualNicManager.QueryNetConfig
   * and in its mirror config.virtualNicManagerInfo (HostConfigInfo.virtualNicManagerInfo: HostVirtualNicManagerInfo
   * {netConfig[]}, vim25-types.json). Candidate and selected keys carry the type as a prefix, as in govmomi's capture of
   * a real host (simulator/esx/host_config_info.go: "management.key-vim.host.VirtualNic-vmk0").
   */
  netConfig(nicType: string): Data {
    const key = (device: string) => `${nicType}.key-vim.host.VirtualNic-${device}`;
    const nics = Object.entries(this.profile.network.vmknics);
    return data('VirtualNicManagerNetConfig', {
      nicType,
      multiSelectAllowed: true,
      candidateVnic: list('HostVirtualNic', this.virtualNics(key)),
      selectedVnic: strings(nics.filter(([, nic]) => nic.services.includes(nicType)).map(([device]) => key(device))),
    });
  }

  /** HostSystem's top-level properties as vim25 data. */
  properties(): Record<string, VimValue | undefined> {
    if (this.cache) return this.cache;
    const p = this.profile;
    const hw = p.hardware;
    const about = this.about();
    const cpuFeature = list(
      'HostCpuIdInfo',
      hw.cpuFeature.map((f) =>
        data('HostCpuIdInfo', { level: f.level, vendor: undefined, eax: f.eax, ebx: f.ebx, ecx: f.ecx, edx: f.edx }),
      ),
    );
    const runtime = data('HostRuntimeInfo', {
      connectionState: 'connected',
      powerState: 'poweredOn',
      inMaintenanceMode: false,
      bootTime: p.installDate,
      stateEncryption: p.stateEncryption
        ? data('HostRuntimeInfoStateEncryptionInfo', { ...p.stateEncryption })
        : undefined,
    });
    const vmRefs = list(
      'ManagedObjectReference',
      this.vms.map((vm) => moref('VirtualMachine', vm.moId)),
    );
    this.cache = {
      name: this.name,
      parent: this.parent,
      overallStatus: 'green',
      summary: data('HostListSummary', {
        host: moref('HostSystem', this.moId),
        hardware: data('HostHardwareSummary', {
          vendor: hw.vendor,
          model: hw.model,
          uuid: this.uuid(),
          memorySize: hw.memorySize,
          cpuModel: hw.cpuModel,
          cpuMhz: Math.round(hw.hz / 1e6),
          numCpuPkgs: hw.packages,
          numCpuCores: hw.cores,
          numCpuThreads: hw.threads,
          numNics: Object.values(p.network.vswitches).reduce((n, v) => n + v.uplinks.length, 0),
          numHBAs: 2,
        }),
        runtime,
        config: data('HostConfigSummary', {
          name: this.name,
          port: 443,
          product: about,
          vmotionEnabled: true,
          faultToleranceEnabled: false,
        }),
        overallStatus: 'green',
        rebootRequired: false,
        managementServerIp: this.managementServerIp,
      }),
      hardware: data('HostHardwareInfo', {
        systemInfo: data('HostSystemInfo', { vendor: hw.vendor, model: hw.model, uuid: this.uuid() }),
        cpuInfo: data('HostCpuInfo', {
          numCpuPackages: hw.packages,
          numCpuCores: hw.cores,
          numCpuThreads: hw.threads,
          hz: hw.hz,
        }),
        cpuPkg: list(
          'HostCpuPackage',
          Array.from({ length: hw.packages }, (_, index) =>
            data('HostCpuPackage', {
              index,
              vendor: hw.cpuVendor,
              hz: hw.hz,
              busHz: 100000000,
              description: hw.cpuModel,
              cpuFeature,
            }),
          ),
        ),
        memorySize: hw.memorySize,
        cpuFeature,
        biosInfo: data('HostBIOSInfo', {
          biosVersion: hw.biosVersion,
          releaseDate: hw.biosReleaseDate,
          vendor: hw.biosVendor,
          firmwareType: hw.firmwareType,
        }),
      }),
      capability: data('HostCapability', { ...p.capability }),
      config: data('HostConfigInfo', {
        host: moref('HostSystem', this.moId),
        product: about,
        option: list('OptionValue', this.options()),
        service: this.serviceInfo(),
        firewall: this.firewallInfo(),
        lockdownMode: p.lockdown.mode,
        adminDisabled: p.lockdown.mode !== 'lockdownDisabled',
        network: this.networkInfo(),
        // A real host mirrors every service type's QueryNetConfig answer here (govmomi's capture lists all seven), so a
        // collector reads the vmk roles in its property pass instead of calling QueryNetConfig per type.
        virtualNicManagerInfo: data('HostVirtualNicManagerInfo', {
          netConfig: list(
            'VirtualNicManagerNetConfig',
            NIC_TYPES.map((t) => this.netConfig(t)),
          ),
        }),
        dateTimeInfo: data('HostDateTimeInfo', { ntpConfig: data('HostNtpConfig', { server: strings(p.ntpServers) }) }),
        // An ESXi host lists its local store and an AD store, the latter disabled until joined (HostAuthenticationManagerInfo).
        authenticationManagerInfo: data('HostAuthenticationManagerInfo', {
          authConfig: list('HostAuthenticationStoreInfo', [
            data('HostLocalAuthenticationInfo', { enabled: true }),
            data(
              'HostActiveDirectoryInfo',
              p.activeDirectoryDomain
                ? { enabled: true, joinedDomain: p.activeDirectoryDomain, domainMembershipStatus: 'ok' }
                : { enabled: false },
            ),
          ]),
        }),
        featureCapability: list(
          'HostFeatureCapability',
          Object.entries(p.featureCapability).map(([key, value]) =>
            data('HostFeatureCapability', { key, featureName: key, value }),
          ),
        ),
      }),
      configManager: data('HostConfigManager', { ...this.managers }),
      runtime,
      vm: vmRefs,
      network: list(
        'ManagedObjectReference',
        Object.keys(p.network.portgroups)
          .filter((pg) => pg !== 'Management Network' && pg !== 'vMotion')
          .map((pg) => this.networkRef(pg)),
      ),
    };
    return this.cache;
  }

  vmProperties(vm: SimVm): Record<string, VimValue | undefined> {
    const spec = this.profile.vms[vm.name];
    const managedBy = spec.managedBy
      ? data('ManagedByInfo', { extensionKey: spec.managedBy.extensionKey, type: spec.managedBy.type })
      : undefined;
    const runtime = data('VirtualMachineRuntimeInfo', {
      host: moref('HostSystem', this.moId),
      connectionState: 'connected',
      powerState: spec.powerState,
    });
    const config = data('VirtualMachineConfigInfo', {
      name: vm.name,
      guestFullName: spec.guestFullName,
      guestId: spec.guestId,
      managedBy,
    });
    return {
      name: vm.name,
      runtime,
      config,
      guest: data('GuestInfo', { toolsRunningStatus: spec.toolsRunningStatus, guestFullName: spec.guestFullName }),
      network: list(
        'ManagedObjectReference',
        spec.network.map((pg) => this.networkRef(pg)),
      ),
      summary: data('VirtualMachineSummary', {
        vm: moref('VirtualMachine', vm.moId),
        runtime,
        config: data('VirtualMachineConfigSummary', {
          name: vm.name,
          guestFullName: spec.guestFullName,
          guestId: spec.guestId,
          managedBy,
        }),
      }),
    };
  }
}

/** `Type:path` of properties whose leaf is an enum: in an anyType slot (DynamicProperty.val) they carry the enum type. */
export const ENUM_PATHS: Record<string, string> = {
  'HostSystem:config.lockdownMode': 'HostLockdownMode',
  'HostSystem:runtime.connectionState': 'HostSystemConnectionState',
  'HostSystem:runtime.powerState': 'HostSystemPowerState',
  'HostSystem:overallStatus': 'ManagedEntityStatus',
  'HostAccessManager:lockdownMode': 'HostLockdownMode',
  'VirtualMachine:runtime.powerState': 'VirtualMachinePowerState',
};
