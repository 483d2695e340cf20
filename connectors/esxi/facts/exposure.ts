import { isKnown, isUnknown, unknown, type Fact, type UnknownFact } from '../../../src/core/model/fact.js';
import type { EsxiHostFacts } from '../../../src/core/model/host.js';
import type { HostRaw } from '../inventory/retrieve.js';
import { at, bool, list, num, obj, objects, str, strings, type VimObject, type VimValue } from '../vim25/value.js';

type Exposure = EsxiHostFacts['exposure'];
type Firewall = Extract<Exposure['firewall'], { rulesets: unknown }>;
type Network = Extract<Exposure['network'], { vswitches: unknown }>;
type Service = Extract<EsxiHostFacts['services'], unknown[]>[number];
type OptionValue = string | number | boolean | null;

export function mapFirewall(info: VimValue | undefined): Fact<Firewall> {
  const fw = obj(info);
  if (!fw) return unknown('config.firewall not reported by the host');
  const incomingBlocked = bool(at(fw, 'defaultPolicy.incomingBlocked'));
  const outgoingBlocked = bool(at(fw, 'defaultPolicy.outgoingBlocked'));
  // An unreported default policy is not "lets everything in": every running service would read as exposed.
  if (incomingBlocked === undefined || outgoingBlocked === undefined)
    return unknown('config.firewall.defaultPolicy not reported by the host');
  const keyless = missingKey(objects(fw.ruleset), 'firewall ruleset', 'HostFirewallRuleset');
  // A ruleset without its key cannot be matched to a service: guessing '' could hide an open one.
  if (keyless) return keyless;
  return {
    incomingBlocked,
    outgoingBlocked,
    rulesets: objects(fw.ruleset).map((r) => {
      const allowed = obj(r.allowedHosts);
      const key = str(r.key)!;
      const ruleset: Firewall['rulesets'][number] = {
        key,
        enabled: bool(r.enabled) ?? unknown(`firewall ruleset ${key}: enabled not reported by the host`),
        allowedAllIp:
          bool(allowed?.allIp) ?? unknown(`firewall ruleset ${key}: allowedHosts.allIp not reported by the host`),
        allowedIps: strings(allowed?.ipAddress),
        allowedNetworks: objects(allowed?.ipNetwork).map((n) => `${str(n.network)}/${str(n.prefixLength)}`),
        rules: firewallRules(key, objects(r.rule)),
      };
      const label = str(r.label);
      const service = str(r.service);
      const required = bool(r.required);
      if (label) ruleset.label = label;
      if (service) ruleset.service = service;
      if (required !== undefined) ruleset.required = required;
      return ruleset;
    }),
  };
}

/** `key` is required in vim25 (govmomi vim25/types/types.go: no omitempty); an item without one is named by position. */
function missingKey(items: VimObject[], what: string, vimType: string): UnknownFact | undefined {
  return missingField(items, 'key', what, vimType);
}

/** The first item lacking a field vim25 requires (govmomi types.go: no omitempty), named by position and field. */
function missingField(items: VimObject[], path: string, what: string, vimType: string): UnknownFact | undefined {
  const index = items.findIndex((item) => !str(at(item, path)));
  return index < 0 ? undefined : unknown(`${what} ${index + 1} has no ${path}, which vim25 ${vimType} requires`);
}

type FirewallRule = Extract<Firewall['rulesets'][number]['rules'], unknown[]>[number];

/**
 * vim25 HostFirewallRule requires port, direction and protocol (govmomi vim25/types/types.go: no omitempty). A rule
 * the reply left one out of is not guessed (port 0 or an empty direction would hide it): the ruleset's rules are
 * unknown, with the rule and the field named.
 */
function firewallRules(key: string, rules: VimObject[]): Fact<FirewallRule[]> {
  const out: FirewallRule[] = [];
  for (const [i, rule] of rules.entries()) {
    const port = num(rule.port);
    const protocol = str(rule.protocol);
    const direction = str(rule.direction);
    if (port === undefined || protocol === undefined || direction === undefined) {
      const missing = [
        port === undefined && 'port',
        protocol === undefined && 'protocol',
        direction === undefined && 'direction',
      ].filter(Boolean);
      return unknown(
        `firewall ruleset ${key}: rule ${i + 1} has no ${missing.join(', ')}, which vim25 HostFirewallRule requires`,
      );
    }
    const end = num(rule.endPort);
    out.push(
      end !== undefined && end !== 0 ? { port, endPort: end, protocol, direction } : { port, protocol, direction },
    );
  }
  return out;
}

/** Services from HostServiceSystem.serviceInfo, else the config.service mirror; exposure from the firewall. */
export function mapServices(raw: HostRaw, firewall: Fact<Firewall>): Fact<Service[]> {
  const fromManager = raw.managers.serviceInfo;
  const info = (fromManager?.ok ? fromManager.value : undefined) ?? raw.props['config.service'];
  if (info === undefined) {
    return unknown(
      `services unavailable: ${fromManager && !fromManager.ok ? fromManager.reason : 'no serviceInfo'}; config.service not reported either`,
    );
  }
  const rulesets = isKnown(firewall) ? firewall.rulesets : [];
  const services = objects(at(info, 'service'));
  const keyless = missingKey(services, 'service', 'HostService');
  if (keyless) return keyless;
  return services.map((s) => {
    const key = str(s.key)!;
    const own = new Set([...strings(s.ruleset), ...rulesets.filter((r) => r.service === key).map((r) => r.key)]);
    const matching = rulesets.filter((r) => own.has(r.key));
    const running = bool(s.running);
    const policy = str(s.policy);
    const service: Service = {
      name: key,
      running: running ?? unknown('running flag not reported'),
      // HostService.policy is required in vim25 (govmomi types.go: no omitempty).
      startupPolicy: policy || unknown(`HostService.policy not reported for ${key}`),
      exposed: exposure(running, own.size, matching, firewall),
    };
    const label = str(s.label);
    if (label) service.label = label;
    if (own.size > 0) service.rulesets = [...own];
    const ports = matching.flatMap((r) =>
      (isKnown(r.rules) ? r.rules : [])
        .filter((x) => x.direction === 'inbound')
        .map((x) => ({ port: x.port, protocol: x.protocol })),
    );
    if (ports.length > 0) service.ports = ports;
    return service;
  });
}

function exposure(
  running: boolean | undefined,
  rulesetCount: number,
  rulesets: Firewall['rulesets'],
  firewall: Fact<Firewall>,
): Fact<boolean> {
  if (running === false) return false;
  if (isUnknown(firewall)) return unknown('firewall rulesets not readable');
  // A firewall that lets every inbound connection through exposes whatever listens.
  if (!firewall.incomingBlocked) return true;
  if (rulesetCount === 0) return unknown('the service names no firewall ruleset, so its reachability is not known');
  // A ruleset whose rules were unreadable may be inbound.
  const inbound = rulesets.filter((r) => isUnknown(r.rules) || r.rules.some((x) => x.direction === 'inbound'));
  if (inbound.some((r) => isKnown(r.rules) && r.enabled === true && r.allowedAllIp === true)) return true;
  // A ruleset that may be open (one flag unreported, the other not false, or its rules unread) leaves the service undecided.
  const undecided = inbound.find((r) => r.enabled !== false && r.allowedAllIp !== false);
  if (undecided)
    return unknown(
      [undecided.rules, undecided.enabled, undecided.allowedAllIp]
        .filter(isUnknown)
        .map((u) => u.reason)
        .join('; '),
    );
  return false;
}

export function mapAdvancedOptions(raw: HostRaw): Fact<Record<string, OptionValue>> {
  const setting = raw.managers.optionSetting;
  const mirror = raw.props['config.option'];
  const values = list(mirror).length > 0 ? mirror : setting?.ok ? setting.value : undefined;
  if (values === undefined) {
    return unknown(
      `advanced options unavailable: config.option not reported${setting && !setting.ok ? `; ${setting.reason}` : ''}`,
    );
  }
  const out: Record<string, OptionValue> = {};
  for (const o of objects(values)) {
    const key = str(o.key);
    if (!key) continue;
    const v = o.value;
    out[key] = v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : v;
  }
  return out;
}

export function mapMob(options: Fact<Record<string, OptionValue>>): Fact<boolean> {
  if (isUnknown(options)) return unknown(options.reason);
  const key = 'Config.HostAgent.plugins.solo.enableMob';
  if (!(key in options)) return unknown(`advanced option ${key} not reported by the host`);
  return bool(options[key] as VimValue) ?? unknown(`advanced option ${key} has an unexpected value`);
}

export function mapSnmp(raw: HostRaw): Exposure['snmp'] {
  const cfg = raw.managers.snmpConfiguration;
  if (!cfg || !cfg.ok) return unknown(cfg ? cfg.reason : 'HostSnmpSystem not queried');
  const c = obj(cfg.value);
  if (!c) return unknown('HostSnmpSystem.configuration not reported by the host');
  const out: Extract<Exposure['snmp'], { readOnlyCommunities: number }> = {
    enabled: bool(c.enabled) ?? unknown('HostSnmpSystem.configuration.enabled not reported by the host'),
    readOnlyCommunities: strings(c.readOnlyCommunities).length,
    trapTargets: objects(c.trapTargets).length,
  };
  const port = num(c.port);
  if (port) out.port = port;
  return out;
}

function security(policy: VimValue | undefined): Network['vswitches'][number]['policy'] {
  const s = obj(at(policy, 'security'));
  const out: Network['vswitches'][number]['policy'] = {};
  const promiscuous = bool(s?.allowPromiscuous);
  const mac = bool(s?.macChanges);
  const forged = bool(s?.forgedTransmits);
  if (promiscuous !== undefined) out.allowPromiscuous = promiscuous;
  if (mac !== undefined) out.macChanges = mac;
  if (forged !== undefined) out.forgedTransmits = forged;
  return out;
}

/** vmk roles from config.virtualNicManagerInfo, or QueryNetConfig answers when the mirror is absent. */
function vmkRoles(raw: HostRaw): Map<string, string[]> | UnknownFact {
  const mirror = raw.props['config.virtualNicManagerInfo'];
  const configs: VimObject[] =
    mirror !== undefined
      ? objects(at(mirror, 'netConfig'))
      : [raw.managers.netConfigManagement, raw.managers.netConfigVmotion].flatMap((o) =>
          o?.ok ? objects(o.value) : [],
        );
  const management = raw.managers.netConfigManagement;
  if (mirror === undefined && !management?.ok) {
    return unknown(
      `VMkernel NIC roles unknown: ${management && !management.ok ? management.reason : 'neither config.virtualNicManagerInfo nor QueryNetConfig answered'}`,
    );
  }
  const roles = new Map<string, string[]>();
  for (const cfg of configs) {
    const type = str(cfg.nicType);
    if (!type) continue;
    for (const key of strings(cfg.selectedVnic)) {
      const device =
        objects(cfg.candidateVnic).find((v) => str(v.key) === key)?.device ?? key.slice(key.lastIndexOf('-') + 1);
      const name = str(device as VimValue) ?? key;
      roles.set(name, [...(roles.get(name) ?? []), type]);
    }
  }
  return roles;
}

type Vmknic = Network['vmknics'][number];

/**
 * Where a VMkernel NIC connects (vim25 HostVirtualNic / HostVirtualNicSpec, govmomi vim25/types/types.go): a standard
 * port group by name, or a distributed switch port (spec.distributedVirtualPort), where HostVirtualNic.portgroup is
 * empty. Neither reported (an NSX opaque network, spec.opaqueNetwork, included): the port group is unknown, saying why.
 */
function vmknicConnection(v: VimObject, device: string): Pick<Vmknic, 'portgroup' | 'distributedPort'> {
  const portgroup = str(v.portgroup) || str(at(v, 'spec.portgroup'));
  if (portgroup) return { portgroup };
  const port = obj(at(v, 'spec.distributedVirtualPort'));
  const switchUuid = str(port?.switchUuid);
  if (port && switchUuid) {
    // portgroupKey and portKey are optional in vim25 (omitempty); an empty one names nothing.
    const portgroupKey = str(port.portgroupKey) || undefined;
    const portKey = str(port.portKey) || undefined;
    return { distributedPort: { switchUuid, ...(portgroupKey && { portgroupKey }), ...(portKey && { portKey }) } };
  }
  const why = port
    ? 'spec.distributedVirtualPort has no switchUuid, which vim25 DistributedVirtualSwitchPortConnection requires'
    : at(v, 'spec.opaqueNetwork') !== undefined
      ? 'it is on an NSX opaque network (spec.opaqueNetwork), which hvscan does not read'
      : 'the host reported neither portgroup nor spec.distributedVirtualPort';
  return { portgroup: unknown(`VMkernel NIC ${device}: ${why}`) };
}

export function mapNetwork(raw: HostRaw, vmNicsByPortgroup: Fact<Map<string, number>>): Fact<Network> {
  const net = obj(raw.props['config.network']);
  if (!net) return unknown('config.network not reported by the host');
  const roles = vmkRoles(raw);
  if (isUnknown(roles)) raw.errors.push({ step: 'collect', section: 'network', message: roles.reason });
  const short = (key: string) => key.slice(key.lastIndexOf('-') + 1);
  // A switch, port group or VMkernel NIC named '' could not be told apart or matched: the network is unknown instead.
  const unnamed =
    missingField(objects(net.vswitch), 'name', 'vSwitch', 'HostVirtualSwitch') ??
    missingField(objects(net.portgroup), 'spec.name', 'port group', 'HostPortGroupSpec') ??
    missingField(objects(net.portgroup), 'spec.vswitchName', 'port group', 'HostPortGroupSpec') ??
    missingField(objects(net.vnic), 'device', 'VMkernel NIC', 'HostVirtualNic');
  if (unnamed) return unnamed;
  return {
    vswitches: objects(net.vswitch).map((v) => ({
      name: str(v.name)!,
      uplinks: strings(v.pnic).map(short),
      policy: security(at(v, 'spec.policy')),
    })),
    portgroups: objects(net.portgroup).map((p) => {
      const name = str(at(p, 'spec.name'))!;
      return {
        name,
        vswitch: str(at(p, 'spec.vswitchName'))!,
        vlanId: num(at(p, 'spec.vlanId')) ?? unknown(`port group ${name}: spec.vlanId not reported by the host`),
        policy: security(at(p, 'computedPolicy') ?? at(p, 'spec.policy')),
        // A port group no VM NIC names carries none: zero is read, not assumed, once the VMs' networks are known.
        vmCount: isUnknown(vmNicsByPortgroup) ? vmNicsByPortgroup : (vmNicsByPortgroup.get(name) ?? 0),
      };
    }),
    vmknics: objects(net.vnic).map((v) => {
      const device = str(v.device)!;
      const nic: Vmknic = {
        device,
        ...vmknicConnection(v, device),
        // A NIC that no role selects carries none.
        services: isUnknown(roles) ? roles : (roles.get(device) ?? []),
      };
      const ip = str(at(v, 'spec.ip.ipAddress'));
      if (ip) nic.ip = ip;
      return nic;
    }),
  };
}

export function mapLockdown(raw: HostRaw): Exposure['lockdown'] {
  const access = raw.managers.accessLockdownMode;
  const mode = str(access?.ok ? access.value : undefined) ?? str(raw.props['config.lockdownMode']);
  const exceptions = raw.managers.lockdownExceptions;
  const valid = ['lockdownDisabled', 'lockdownNormal', 'lockdownStrict'] as const;
  return {
    mode: valid.includes(mode as (typeof valid)[number])
      ? (mode as (typeof valid)[number])
      : unknown(
          mode
            ? `unexpected lockdown mode "${mode}"`
            : 'neither HostAccessManager.lockdownMode nor config.lockdownMode reported',
        ),
    exceptions: exceptions?.ok
      ? strings(exceptions.value)
      : unknown(exceptions ? exceptions.reason : 'QueryLockdownExceptions not called'),
  };
}
