import type { z } from 'zod';
import { isUnknown, unknown, type HypervExposure } from '../../../src/core/model/index.js';
import { compact, listeners, read, readError, type MapContext } from './map-context.js';
import { accessVlanId, vlanMembership } from './map-vlan.js';
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

function sshd(ctx: MapContext): Exposure['sshd'] {
  const s = read(ctx, 'sshd');
  if (isUnknown(s)) return s;
  return compact({ installed: s.installed === true, running: s.state === 'Running', defaultShell: s.defaultShell });
}

function listening(ctx: MapContext): Exposure['listening'] {
  const l = listeners(ctx);
  if (isUnknown(l)) return l;
  return l.items.map((i) =>
    compact({
      address: i.address,
      port: i.port,
      protocol: i.protocol,
      process: i.service ? `${i.process ?? '?'} (${i.service})` : i.process,
    }),
  );
}

function domain(ctx: MapContext): Exposure['domain'] {
  const c = read(ctx, 'computer');
  if (isUnknown(c)) return c;
  if (typeof c.partOfDomain !== 'boolean') return unknown('Win32_ComputerSystem.PartOfDomain not reported');
  return compact({
    partOfDomain: c.partOfDomain,
    domain: c.partOfDomain ? c.domain : (c.workgroup ?? c.domain),
    role: c.domainRole,
  });
}

function groups(ctx: MapContext): Exposure['groups'] {
  const g = read(ctx, 'groups');
  if (isUnknown(g)) return g;
  return {
    administrators: g.administrators,
    hypervAdministrators: g.hypervAdministrators,
    remoteManagementUsers: g.remoteManagementUsers,
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
