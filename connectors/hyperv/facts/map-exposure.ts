import type { z } from 'zod';
import { isUnknown, unknown, type HypervExposure, type UnknownFact } from '../../../src/core/model/index.js';
import type { Sections } from '../collector/document.js';
import { compact, have, listeners, read, readError, type MapContext } from './map-context.js';
import { accessVlanId, vlanFact } from './map-vlan.js';
import { winrm } from './map-winrm.js';

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
  // Without a SwitchName a vNIC cannot be placed (disconnected or not reported: the collector cannot tell, and Microsoft
  // Learn's Add-VMNetworkAdapter leaves -SwitchName optional), and every switch's reading would depend on it.
  const unplaced = h.items.find((n) => !n.switchName);
  if (unplaced)
    return unknown(`Get-VMNetworkAdapter -ManagementOS gave no SwitchName for host vNIC "${unplaced.name}"`);
  const ipsError = readError(ctx, 'hostVnics', 'ips');
  return h.items.map((n) => {
    const vlanError = readError(ctx, 'hostVnics', `vlan:${n.name}`);
    const vlan = vlanError !== undefined ? unknown(vlanError) : vlanFact(n, `host vNIC "${n.name}"`);
    return {
      name: n.name,
      switchName: n.switchName as string,
      // Null would read as "untagged".
      vlanId: isUnknown(vlan) ? vlan : accessVlanId(n),
      vlan,
      ips:
        ipsError !== undefined
          ? unknown(ipsError)
          : typeof n.ifIndex === 'number'
            ? n.ips
            : unknown(`no Net adapter (Get-NetAdapter) has the DeviceId or MAC address of host vNIC "${n.name}"`),
    };
  });
}

function firewallProfiles(ctx: MapContext): Exposure['firewallProfiles'] {
  const f = read(ctx, 'firewall');
  if (isUnknown(f)) return f;
  const unclear = f.profiles.find((p) => p.enabled !== 'True' && p.enabled !== 'False');
  if (unclear)
    return unknown(
      `firewall profile ${unclear.name} reports Enabled=${unclear.enabled ?? 'nothing'} in the active store`,
    );
  return f.profiles.map((p) => ({
    name: p.name,
    enabled: p.enabled === 'True',
    defaultInboundAction: have(
      p.defaultInboundAction,
      `Get-NetFirewallProfile gave no DefaultInboundAction for profile ${p.name}`,
    ),
  }));
}

/** Where the RDP-Tcp values live (Microsoft Learn, "Change the listening port in Remote Desktop"). */
const RDP_TCP = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';

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
  // An absent value is unknown with that said, never its documented default.
  const value = (v: number | null | undefined, name: string, absent: string) => {
    const error = readError(ctx, 'rdp', name);
    return error !== undefined ? unknown(error) : have(v, absent);
  };
  return {
    enabled: r.denyConnections === 0,
    nla: r.userAuthentication === 1,
    port: value(r.port, 'PortNumber', `${RDP_TCP}\\PortNumber is absent (3389 is not assumed)`),
    securityLayer: value(
      r.securityLayer,
      'SecurityLayer',
      `SecurityLayer is set neither by policy nor in ${RDP_TCP} (the Negotiate default is not assumed)`,
    ),
  };
}

function smb(ctx: MapContext): Exposure['smb'] {
  const s = read(ctx, 'smb');
  if (isUnknown(s)) return s;
  if (typeof s.enableSMB1 !== 'boolean') return unknown('Get-SmbServerConfiguration gave no EnableSMB1Protocol');
  const value = (v: boolean | null | undefined, property: string) =>
    have(v, `Get-SmbServerConfiguration gave no ${property}`);
  return {
    smb1Enabled: s.enableSMB1,
    smb2Enabled: value(s.enableSMB2, 'EnableSMB2Protocol'),
    requireSigning: value(s.requireSigning, 'RequireSecuritySignature'),
    encryptData: value(s.encryptData, 'EncryptData'),
  };
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
