import type { z } from 'zod';
import { isUnknown, unknown, type HypervExposure, type UnknownFact } from '../../../src/core/model/index.js';
import type { Sections } from '../collector/document.js';
import { compact, listeners, read, readError, REQUIRES_ADMIN, type MapContext } from './map-context.js';
import { accessVlanId, vlanMembership } from './map-vlan.js';

type Exposure = z.infer<typeof HypervExposure>;

function switches(ctx: MapContext): Exposure['switches'] {
  const s = read(ctx, 'switches');
  if (isUnknown(s)) return s;
  const missing = s.items.find((sw) => typeof sw.allowManagementOS !== 'boolean' || !sw.switchType);
  if (missing) return unknown(`Get-VMSwitch gave no SwitchType/AllowManagementOS for switch "${missing.name}"`);
  return s.items.map((sw) => {
    const extensionsError = readError(ctx, 'switches', `extensions:${sw.name}`);
    return compact({
      name: sw.name,
      switchType: sw.switchType as string,
      allowManagementOS: sw.allowManagementOS as boolean,
      netAdapter: sw.netAdapterDescription,
      embeddedTeaming: sw.embeddedTeaming,
      extensions:
        extensionsError !== undefined
          ? unknown(extensionsError)
          : sw.extensions.map((e) =>
              compact({
                name: e.name,
                vendor: e.vendor,
                enabled:
                  typeof e.enabled === 'boolean'
                    ? e.enabled
                    : unknown(`Get-VMSwitchExtension gave no Enabled for extension "${e.name}" on switch "${sw.name}"`),
              }),
            ),
    });
  });
}

function hostVnics(ctx: MapContext): Exposure['hostVnics'] {
  const h = read(ctx, 'hostVnics');
  if (isUnknown(h)) return h;
  // Without the Net adapter behind a vNIC (or with Get-NetIPAddress failing) its addresses are not reported.
  const ipsUnreadable = readError(ctx, 'hostVnics', 'ips') !== undefined;
  return h.items.map((n) => ({
    ...compact({
      name: n.name,
      switchName: n.switchName ?? '',
      vlan: vlanMembership(n),
      ips: ipsUnreadable || typeof n.ifIndex !== 'number' ? undefined : n.ips,
    }),
    vlanId: accessVlanId(n),
  }));
}

function firewallProfiles(ctx: MapContext): Exposure['firewallProfiles'] {
  const f = read(ctx, 'firewall');
  if (isUnknown(f)) return f;
  const unclear = f.profiles.find((p) => p.enabled !== 'True' && p.enabled !== 'False');
  if (unclear)
    return unknown(
      `firewall profile ${unclear.name} reports Enabled=${unclear.enabled ?? 'nothing'} in the active store`,
    );
  return f.profiles.map((p) =>
    compact({ name: p.name, enabled: p.enabled === 'True', defaultInboundAction: p.defaultInboundAction }),
  );
}

function rdp(ctx: MapContext): Exposure['rdp'] {
  const r = read(ctx, 'rdp');
  if (isUnknown(r)) return r;
  // A policy value that could not be read may override the local one the collector fell back to.
  const denyError = readError(ctx, 'rdp', 'fDenyTSConnections');
  const nlaError = readError(ctx, 'rdp', 'UserAuthentication');
  if (denyError || typeof r.denyConnections !== 'number')
    return unknown(denyError ?? 'fDenyTSConnections not readable');
  if (nlaError || typeof r.userAuthentication !== 'number')
    return unknown(nlaError ?? 'RDP-Tcp UserAuthentication (NLA) not readable');
  return compact({
    enabled: r.denyConnections === 0,
    nla: r.userAuthentication === 1,
    port: r.port,
    securityLayer: r.securityLayer,
  });
}

function smb(ctx: MapContext): Exposure['smb'] {
  const s = read(ctx, 'smb');
  if (isUnknown(s)) return s;
  if (typeof s.enableSMB1 !== 'boolean') return unknown('Get-SmbServerConfiguration gave no EnableSMB1Protocol');
  return compact({
    smb1Enabled: s.enableSMB1,
    smb2Enabled: s.enableSMB2,
    requireSigning: s.requireSigning,
    encryptData: s.encryptData,
  });
}

function winrm(ctx: MapContext): Exposure['winrm'] {
  const w = read(ctx, 'winrm');
  if (isUnknown(w)) return w;
  const fromRegistry = w.source === 'registry';
  // Read from the registry, the policy value wins where set; WSMan already reports the effective (policy) value.
  const allowUnencrypted = fromRegistry ? (w.policy?.allowUnencrypted ?? w.allowUnencrypted) : w.allowUnencrypted;
  if (!w.auth || typeof allowUnencrypted !== 'boolean') {
    const wsman = readError(ctx, 'winrm', 'wsman');
    const why =
      w.serviceState && w.serviceState !== 'Running'
        ? `the WinRM service is ${w.serviceState}`
        : fromRegistry
          ? `${wsman ?? 'WSMan: settings not readable'}; the registry holds no allow_unencrypted value (a default is not assumed)`
          : 'WSMan: settings not readable';
    return unknown(ctx.isAdmin === false ? `${REQUIRES_ADMIN}: ${why}` : why);
  }
  const auth = fromRegistry
    ? { ...w.auth, basic: w.policy?.allowBasic ?? w.auth.basic, credSSP: w.policy?.allowCredSSP ?? w.auth.credSSP }
    : w.auth;
  const flag = (name: string, v: boolean | null | undefined) =>
    typeof v === 'boolean'
      ? v
      : unknown(
          fromRegistry
            ? `WSMan did not answer and the registry holds no auth_${name.toLowerCase()} value (a default is not assumed)`
            : `WSMan:\\localhost\\Service\\Auth\\${name} not reported`,
        );
  const clientCredSSP = fromRegistry ? (w.policy?.clientAllowCredSSP ?? w.clientAuth?.credSSP) : w.clientAuth?.credSSP;
  const clientAuth = w.clientAuth && {
    credSSP:
      typeof clientCredSSP === 'boolean'
        ? clientCredSSP
        : unknown(
            fromRegistry
              ? 'WSMan did not answer and the registry holds no client auth_credssp value'
              : 'WSMan:\\localhost\\Client\\Auth\\CredSSP not reported',
          ),
  };
  return {
    listeners: w.listeners.map((l) =>
      compact({
        transport: l.transport ?? 'unknown',
        address: l.address ?? '*',
        port: l.port ?? (l.transport === 'HTTPS' ? 5986 : 5985),
        enabled: l.enabled !== false,
        certificateThumbprint: l.certificateThumbprint || undefined,
        source: l.source === 'policy' || l.source === 'local' ? l.source : undefined,
      }),
    ),
    allowUnencrypted,
    ...(w.source === 'WSMan' || w.source === 'registry' ? { source: w.source } : {}),
    ...(clientAuth ? { clientAuth } : {}),
    auth: compact({
      basic: flag('Basic', auth.basic),
      kerberos: flag('Kerberos', auth.kerberos),
      negotiate: flag('Negotiate', auth.negotiate),
      certificate: flag('Certificate', auth.certificate),
      credSSP: flag('CredSSP', auth.credSSP),
      cbtHardeningLevel: auth.cbtHardeningLevel,
    }),
    ...(w.policy ? { policy: winrmPolicy(ctx, w.policy) } : {}),
    ...(w.sources ? { sources: winrmSources(w.sources) } : {}),
  };
}

type WinrmPolicy = {
  allowBasic?: boolean | null;
  allowUnencrypted?: boolean | null;
  allowCredSSP?: boolean | null;
  clientAllowCredSSP?: boolean | null;
};

function winrmSources(sources: Record<string, string | null>): Record<string, 'policy' | 'local'> {
  return Object.fromEntries(
    Object.entries(sources).filter((e): e is [string, 'policy' | 'local'] => e[1] === 'policy' || e[1] === 'local'),
  );
}

/** Group-policy values: absent = not set by policy; one the collector could not read is unknown. */
function winrmPolicy(ctx: MapContext, policy: WinrmPolicy) {
  const value = (v: boolean | null | undefined, label: string) => {
    const error = readError(ctx, 'winrm', label);
    return error ? unknown(error) : v;
  };
  return compact({
    allowBasic: value(policy.allowBasic, 'AllowBasic'),
    allowUnencrypted: value(policy.allowUnencrypted, 'AllowUnencryptedTraffic'),
    allowCredSSP: value(policy.allowCredSSP, 'AllowCredSSP'),
    clientAllowCredSSP: value(policy.clientAllowCredSSP, 'Client.AllowCredSSP'),
  });
}

function sshd(ctx: MapContext): Exposure['sshd'] {
  const s = read(ctx, 'sshd');
  if (isUnknown(s)) return s;
  return compact({ installed: s.installed === true, running: s.state === 'Running', defaultShell: s.defaultShell });
}

type Endpoint = Sections['listening']['items'][number];

/**
 * The owning process's name, from Win32_Process read just before the endpoints: a PID it does not list belongs to a
 * process that started or exited in between, so the name is unknown (the services it hosts are still named).
 */
function owningProcess(i: Endpoint): string | UnknownFact {
  const hosts = i.service ? ` (${i.service})` : '';
  if (i.process) return `${i.process}${hosts}`;
  const cmdlet = i.protocol === 'udp' ? 'Get-NetUDPEndpoint' : 'Get-NetTCPConnection';
  if (typeof i.pid !== 'number') return unknown(`${cmdlet} gave no OwningProcess for ${i.protocol}/${i.port}`);
  const hosted = i.service ? ` (hosting ${i.service})` : '';
  return unknown(
    `no process with PID ${i.pid}${hosted} in Win32_Process (read just before ${cmdlet}): it started or exited in between`,
  );
}

function listening(ctx: MapContext): Exposure['listening'] {
  const l = listeners(ctx);
  if (isUnknown(l)) return l;
  return l.items.map((i) => ({ address: i.address, port: i.port, protocol: i.protocol, process: owningProcess(i) }));
}

/** Win32_ComputerSystem.DomainRole is 0 to 5 (Microsoft Learn, Win32_ComputerSystem; DSROLE_MACHINE_ROLE). */
function domainRole(role: number | null | undefined): number | UnknownFact {
  if (role === null || role === undefined) return unknown('Win32_ComputerSystem gave no DomainRole');
  return role >= 0 && role <= 5 ? role : unknown(`Win32_ComputerSystem.DomainRole ${role} is none of 0 to 5`);
}

function domain(ctx: MapContext): Exposure['domain'] {
  const c = read(ctx, 'computer');
  if (isUnknown(c)) return c;
  if (typeof c.partOfDomain !== 'boolean') return unknown('Win32_ComputerSystem.PartOfDomain not reported');
  return compact({
    partOfDomain: c.partOfDomain,
    domain: c.partOfDomain ? c.domain : (c.workgroup ?? c.domain),
    role: domainRole(c.domainRole),
  });
}

function groups(ctx: MapContext): Exposure['groups'] {
  const g = read(ctx, 'groups');
  if (isUnknown(g)) return g;
  // A group the collector could not find by its SID would read as one without members.
  const unreadable = readError(ctx, 'groups', 'remoteManagementUsers');
  return {
    administrators: g.administrators,
    hypervAdministrators: g.hypervAdministrators,
    remoteManagementUsers: unreadable !== undefined ? unknown(unreadable) : g.remoteManagementUsers,
  };
}

export function mapExposure(ctx: MapContext): Exposure {
  return {
    switches: switches(ctx),
    hostVnics: hostVnics(ctx),
    firewallProfiles: firewallProfiles(ctx),
    rdp: rdp(ctx),
    smb: smb(ctx),
    winrm: winrm(ctx),
    sshd: sshd(ctx),
    listening: listening(ctx),
    domain: domain(ctx),
    groups: groups(ctx),
  };
}
