import type { z } from 'zod';
import { isUnknown, unknown, type HypervDetails, type UnknownFact } from '../../../src/core/model/index.js';
import { agentForService, windowsBuild } from './data.js';
import type { Sections } from '../collector/document.js';
import { compact, have, read, readError, readWhole, REQUIRES_ADMIN, type MapContext } from './map-context.js';
import { hypervisorImage } from './map-platform.js';
import { vmNetworkAdapters, vmNetworkAdaptersUnread } from './map-vm-adapters.js';

type Details = z.infer<typeof HypervDetails>;

/**
 * 2012 R2 may lack the UBR value; there the revision of ntoskrnl.exe's file version (6.3.9600.<n>) is the patch level
 * that fixed-build comparisons use (reference §5.5), provided it belongs to the same build.
 */
function kernelRevision(o: Sections['os']): number | undefined {
  const parts = o.kernelFileVersion?.split('.') ?? [];
  return parts.length === 4 && parts[2] === o.buildNumber && /^\d+$/.test(parts[3]) ? Number(parts[3]) : undefined;
}

function os(ctx: MapContext): Details['os'] {
  const o = read(ctx, 'os');
  if (isUnknown(o)) {
    return {
      caption: o,
      version: o,
      build: o,
      ubr: o,
      displayVersion: o,
      editionId: o,
      installationType: o,
      lastBoot: o,
    };
  }
  const build = Number(o.buildNumber);
  return {
    caption: have(o.caption, 'Caption empty'),
    version: have(o.version, 'Version empty'),
    build: Number.isInteger(build) && o.buildNumber ? build : unknown('BuildNumber empty'),
    ubr: have(
      o.ubr ?? kernelRevision(o),
      readError(ctx, 'os', 'UBR') ?? 'neither the UBR registry value nor the ntoskrnl.exe file version was readable',
    ),
    displayVersion: have(
      o.displayVersion ?? o.releaseId,
      readError(ctx, 'os', 'DisplayVersion') ?? 'neither DisplayVersion nor ReleaseId in the registry',
    ),
    editionId: have(o.editionId, readError(ctx, 'os', 'EditionID') ?? 'EditionID absent'),
    installationType: have(o.installationType, readError(ctx, 'os', 'InstallationType') ?? 'InstallationType absent'),
    lastBoot: have(o.lastBoot, 'LastBootUpTime absent'),
  };
}

function role(ctx: MapContext): Details['role'] {
  const r = read(ctx, 'hypervRole');
  if (isUnknown(r)) return { hypervInstalled: r, vmms: r };
  return {
    hypervInstalled: have(r.roleInstalled, 'neither ServerManager nor Win32_OptionalFeature answered'),
    vmms: !r.vmms
      ? unknown('the vmms service does not exist')
      : r.vmms.state
        ? { state: r.vmms.state, startMode: have(r.vmms.startMode, 'Win32_Service gave no StartMode for vmms') }
        : unknown('Win32_Service gave no State for vmms'),
  };
}

function migration(ctx: MapContext): Details['migration'] {
  const h = read(ctx, 'hypervHost');
  if (isUnknown(h)) return h;
  if (typeof h.migrationEnabled !== 'boolean') return unknown('Get-VMHost gave no VirtualMachineMigrationEnabled');
  return {
    enabled: h.migrationEnabled,
    authenticationType: have(
      h.migrationAuthenticationType,
      'Get-VMHost gave no VirtualMachineMigrationAuthenticationType',
    ),
    useAnyNetwork: h.useAnyNetworkForMigration === true,
    networks: h.migrationNetworks.map((n) =>
      have(
        n.subnet || undefined,
        `Get-VMMigrationNetwork gave no Subnet for the network of priority ${n.priority ?? '(none)'}`,
      ),
    ),
  };
}

function replica(ctx: MapContext): Details['replica'] {
  const r = read(ctx, 'replica');
  if (isUnknown(r)) return r;
  if (typeof r.enabled !== 'boolean') return unknown('Get-VMReplicationServer gave no ReplicationEnabled');
  return {
    enabled: r.enabled,
    authenticationType: have(r.authenticationType, 'Get-VMReplicationServer gave no AllowedAuthenticationType'),
    allowedFromAnyServer: have(
      r.allowedFromAnyServer,
      'Get-VMReplicationServer gave no ReplicationAllowedFromAnyServer',
    ),
  };
}

function deviceGuard(ctx: MapContext): Details['deviceGuard'] {
  const d = read(ctx, 'deviceGuard');
  if (isUnknown(d)) return d;
  if (d.available === false) {
    const build = Number(ctx.doc.sections.os?.buildNumber);
    // Win32_DeviceGuard arrived with Server 2016; before it VBS cannot run, so "off" is a fact, not a guess.
    if (build > 0 && build < 14393) return { vbsStatus: 0, servicesConfigured: [], servicesRunning: [] };
    return unknown(`Win32_DeviceGuard not available: ${d.unavailableReason ?? 'no reason given'}`);
  }
  if (typeof d.vbsStatus !== 'number') return unknown('VirtualizationBasedSecurityStatus not reported');
  return compact({
    vbsStatus: d.vbsStatus,
    servicesConfigured: d.servicesConfigured,
    servicesRunning: d.servicesRunning,
    codeIntegrityPolicyEnforcement: have(
      d.ciPolicyEnforcement,
      'Win32_DeviceGuard gave no CodeIntegrityPolicyEnforcementStatus',
    ),
  });
}

function bitlocker(ctx: MapContext): Details['bitlocker'] {
  const b = readWhole(ctx, 'bitlocker', ['provider', 'volumes']);
  if (isUnknown(b)) return b;
  if (b.volumes.length === 0 && ctx.isAdmin === false)
    return unknown(`${REQUIRES_ADMIN}: Get-BitLockerVolume returned nothing`);
  // ProtectionStatus "Unknown" (a locked volume) or an unexpected value is not "protection off".
  const unclear = b.volumes.find((v) => v.protectionStatus !== 'On' && v.protectionStatus !== 'Off');
  if (unclear)
    return unknown(
      `BitLocker volume ${unclear.mountPoint} reports ProtectionStatus=${unclear.protectionStatus ?? 'nothing'}`,
    );
  // Without the BitLocker cmdlets both come from Win32_EncryptableVolume's GetConversionStatus method, whose failure the
  // collector records per volume.
  const cmdlet = b.cmdletAvailable !== false;
  const missing = (mountPoint: string, property: string, methodOutput: string) =>
    cmdlet
      ? `Get-BitLockerVolume gave no ${property} for volume ${mountPoint}`
      : (readError(ctx, 'bitlocker', `conversion:${mountPoint}`) ??
        `Win32_EncryptableVolume.GetConversionStatus gave no ${methodOutput} for volume ${mountPoint}`);
  return b.volumes.map((v) => ({
    mountPoint: v.mountPoint,
    protectionOn: v.protectionStatus === 'On',
    volumeStatus: have(v.volumeStatus || undefined, missing(v.mountPoint, 'VolumeStatus', 'ConversionStatus')),
    encryptionPercentage: have(
      v.encryptionPercentage,
      missing(v.mountPoint, 'EncryptionPercentage', 'EncryptionPercentage'),
    ),
  }));
}

/** Get-MpPreference hides exclusions from non-admins behind this placeholder text instead of failing (⚠). */
const HIDDEN_EXCLUSIONS = /^N\/A: Must be (an )?administrator/i;

type DefenderMode = 'active' | 'passive' | 'edr-block' | 'off';

/**
 * Defender's mode from AMRunningMode ("Normal", "Passive Mode", "EDR Block Mode", learn.microsoft.com/defender-endpoint/
 * microsoft-defender-antivirus-compatibility), else, when Get-MpComputerStatus failed, from the WinDefend service and the
 * ForceDefenderPassiveMode policy.
 */
function defenderMode(ctx: MapContext, d: Sections['defender']): DefenderMode | UnknownFact {
  const running = d.runningMode?.toLowerCase() ?? '';
  if (running === 'normal') return 'active';
  if (running.includes('passive')) return 'passive';
  if (running.includes('edr block')) return 'edr-block';
  if (d.serviceState && d.serviceState !== 'Running') return 'off';
  if (d.passiveModePolicy === 1) return 'passive';
  const policyError = readError(ctx, 'defender', 'ForceDefenderPassiveMode');
  const why = [
    d.runningMode
      ? `AMRunningMode "${d.runningMode}" is not a known mode`
      : `Get-MpComputerStatus failed: ${d.statusError ?? 'no reason given'}`,
    policyError,
  ].filter(Boolean);
  return unknown(`Defender's mode is unknown: ${why.join('; ')}`);
}

/** Running non-Microsoft antivirus/EDR agents, by product name. */
function thirdPartyProtection(ctx: MapContext): string[] | undefined {
  const products = (ctx.doc.sections.services?.items ?? [])
    .filter((s) => s.state === 'Running')
    .map((s) => agentForService(s.name))
    .filter((a) => a && a.vendor !== 'Microsoft' && (a.kind === 'edr' || a.kind === 'antivirus'))
    .map((a) => a!.product);
  return products.length > 0 ? [...new Set(products)] : undefined;
}

function defender(ctx: MapContext): Details['defender'] {
  const d = read(ctx, 'defender');
  if (isUnknown(d)) return d;
  if (d.installed !== true) return { installed: false, exclusions: unknown('Microsoft Defender is not installed') };
  const p = d.preferences;
  let exclusions: Exclude<Details['defender'], UnknownFact>['exclusions'];
  if (!p) exclusions = unknown(`Get-MpPreference failed: ${d.preferencesError ?? 'no reason given'}`);
  else if (
    [...p.exclusionPath, ...p.exclusionProcess, ...p.exclusionExtension].some((e) => HIDDEN_EXCLUSIONS.test(e))
  ) {
    exclusions = unknown(`${REQUIRES_ADMIN}: Defender hides exclusions from non-administrators`);
  } else exclusions = { paths: p.exclusionPath, processes: p.exclusionProcess, extensions: p.exclusionExtension };
  // A status value Get-MpComputerStatus did not give is unknown with its failure (beside a third-party EDR it often fails).
  const status = <T>(value: T | null | undefined, property: string) =>
    have(
      value,
      d.statusError ? `Get-MpComputerStatus failed: ${d.statusError}` : `Get-MpComputerStatus gave no ${property}`,
    );
  return compact({
    installed: true,
    mode: defenderMode(ctx, d),
    besideProducts: thirdPartyProtection(ctx),
    statusError: d.statusError ?? undefined,
    realTimeProtection: status(d.realTimeProtection, 'RealTimeProtectionEnabled'),
    runningMode: status(d.runningMode, 'AMRunningMode'),
    signatureAgeDays: status(d.signatureAgeDays, 'AntivirusSignatureAge'),
    disableAutoExclusions: have(
      p?.disableAutoExclusions,
      p
        ? 'Get-MpPreference gave no DisableAutoExclusions'
        : `Get-MpPreference failed: ${d.preferencesError ?? 'no reason given'}`,
    ),
    antivirusEnabled: status(d.antivirusEnabled, 'AntivirusEnabled'),
    // IsTamperProtected is not in MSFT_MpComputerStatus as Learn documents it, nor in the winserver2016-ps example
    // (platform 4.3.9463.0); the winserver2022-ps one (4.18.2209.7) has it: an older platform gives none, unknown.
    tamperProtected: status(
      d.tamperProtected,
      `IsTamperProtected (Defender platform ${d.productVersion ?? 'not reported'}: older platforms, such as Windows Server 2016's in-box one before its 4.18 updates, do not have it)`,
    ),
    signatureLastUpdated: status(d.signatureLastUpdated, 'AntivirusSignatureLastUpdated'),
    exclusions,
  });
}

function releaseUnverified(ctx: MapContext): boolean {
  const build = Number(ctx.doc.sections.os?.buildNumber);
  return Number.isInteger(build) && windowsBuild(build)?.unverified === true;
}

function hypervisorLaunchType(ctx: MapContext): Details['hypervisorLaunchType'] {
  const b = read(ctx, 'hypervisorLaunch');
  if (isUnknown(b)) return b;
  return have(b.launchType, 'bcdedit printed no boot entry');
}

function netFilters(ctx: MapContext): Details['netFilters'] {
  const n = readWhole(ctx, 'netFilters', ['adapters']);
  if (isUnknown(n)) return n;
  // A binding that cannot be placed (which switch, which NIC) cannot be reported or judged: the list is unknown.
  const unplaced = n.items.find((a) => !a.switchName || !(a.adapter || a.description));
  if (unplaced)
    return unknown(
      unplaced.switchName
        ? `Get-NetAdapter gave neither Name nor InterfaceDescription for an adapter of external switch "${unplaced.switchName}"`
        : 'Get-VMSwitch gave no Name for an external switch',
    );
  return n.items.flatMap((a) =>
    a.bindings.map((b) =>
      compact({
        switchName: a.switchName!,
        adapter: (a.adapter || a.description)!,
        componentId: b.componentId,
        displayName: b.displayName,
      }),
    ),
  );
}

function minifilters(ctx: MapContext): Details['minifilters'] {
  const m = readWhole(ctx, 'minifilters', ['instances']);
  if (isUnknown(m)) return m;
  return m.items.map((f) =>
    compact({
      name: f.name,
      altitudes: f.altitudes,
      company: f.error
        ? unknown(`minifilter ${f.name}: registry not readable: ${f.error}`)
        : have(
            f.company,
            f.imagePath
              ? `${f.imagePath}: no company in its version information`
              : `minifilter ${f.name} names no image file`,
          ),
      imagePath: f.imagePath,
    }),
  );
}

/** null stays "not set"; a value the collector could not read is unknown with its error. */
function settingValues(ctx: MapContext, values: Sections['settings']['values']): Details['settings'] {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      const error = value === null ? readError(ctx, 'settings', key) : undefined;
      return [key, error ? unknown(error) : value];
    }),
  );
}

export function mapHypervDetails(ctx: MapContext): Details {
  const priv = read(ctx, 'privilege');
  const features = read(ctx, 'features');
  const software = readWhole(ctx, 'software', ['uninstall']);
  const settings = read(ctx, 'settings');
  const image = hypervisorImage(ctx);
  return {
    privilege: isUnknown(priv)
      ? { user: priv, isAdmin: priv, psVersion: have(ctx.doc.envelope.psVersion, 'not reported'), languageMode: priv }
      : {
          user: have(priv.user, 'user name not reported'),
          isAdmin: have(priv.isAdmin, 'elevation not reported'),
          psVersion: have(ctx.doc.envelope.psVersion, 'PowerShell version not reported'),
          languageMode: have(priv.languageMode, 'language mode not reported'),
        },
    os: os(ctx),
    role: role(ctx),
    hypervisorBinary: isUnknown(image) ? image : { name: image.name, version: image.version, size: image.size },
    migration: migration(ctx),
    replica: replica(ctx),
    deviceGuard: deviceGuard(ctx),
    bitlocker: bitlocker(ctx),
    defender: defender(ctx),
    features: isUnknown(features)
      ? features
      : features.items
          .filter((f) => f.installState === 'Installed')
          .map((f) =>
            compact({
              name: f.name,
              displayName: f.displayName,
              type: have(f.type, `Get-WindowsFeature gave no FeatureType for ${f.name}`),
            }),
          ),
    software: isUnknown(software)
      ? software
      : software.items.map((s) => compact({ name: s.name, version: s.version, publisher: s.publisher })),
    settings: isUnknown(settings) ? settings : settingValues(ctx, settings.values),
    ...(releaseUnverified(ctx) ? { releaseDataUnverified: true } : {}),
    vmNetworkAdapters: vmNetworkAdapters(ctx),
    vmNetworkAdaptersUnread: vmNetworkAdaptersUnread(ctx),
    hypervisorLaunchType: hypervisorLaunchType(ctx),
    netFilters: netFilters(ctx),
    minifilters: minifilters(ctx),
  };
}
