import { isUnknown, unknown, type Fact, type UnknownFact, type WinRm } from '../../../src/core/model/index.js';
import type { Sections } from '../collector/document.js';
import { compact, read, readError, REQUIRES_ADMIN, type MapContext } from './map-context.js';

type Raw = Sections['winrm'];
type Origin = 'policy' | 'local';
type Policy = Exclude<WinRm['policy'], UnknownFact>;
type Listeners = WinRm['listeners'];

/** The Group Policy keys the collector reads (Microsoft Learn, Policy CSP - RemoteManagement, "Registry Key Name"). */
const POLICY_KEYS = 'HKLM\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Service and \\Client';

const isOrigin = (v: string | null | undefined): v is Origin => v === 'policy' || v === 'local';

/**
 * WinRM as the host runs it. The collector reads WSMan (Get-WSManInstance winrm/config/...), or, when WSMan does not
 * answer, the service's registry copy of its non-default settings, over which Group Policy values win. Nothing the
 * collector did not report is given a default: it is unknown, naming what is missing.
 */
export function winrm(ctx: MapContext): Fact<WinRm> {
  const w = read(ctx, 'winrm');
  if (isUnknown(w)) return w;
  const fromRegistry = w.source === 'registry';
  const wsmanError = readError(ctx, 'winrm', 'wsman') ?? 'WSMan did not answer';
  const policy = winrmPolicy(ctx, w.policy);
  /** Read from the registry, a policy value wins where set; WSMan already reports the effective (policy) value. */
  const effective = (key: keyof Policy, local: boolean | null | undefined) => {
    if (!fromRegistry) return local;
    if (isUnknown(policy)) return policy;
    return policy[key] ?? local;
  };
  /** A setting, or unknown naming where it was looked for (a default is never assumed). */
  const setting = <T>(value: T | UnknownFact | null | undefined, wsmanPath: string, registryValue: string) =>
    value ??
    unknown(
      fromRegistry
        ? (readError(ctx, 'winrm', `registry.${registryValue}`) ??
            `WSMan did not answer and the registry holds no ${registryValue} value (a default is not assumed)`)
        : `${wsmanPath} not reported`,
    );

  const allowUnencrypted = effective('allowUnencrypted', w.allowUnencrypted);
  if (!w.auth || typeof allowUnencrypted !== 'boolean') {
    const why = isUnknown(allowUnencrypted)
      ? allowUnencrypted.reason
      : w.serviceState && w.serviceState !== 'Running'
        ? `the WinRM service is ${w.serviceState}`
        : fromRegistry
          ? `${wsmanError}; the registry holds no allow_unencrypted value (a default is not assumed)`
          : 'WSMan: settings not readable';
    return unknown(ctx.isAdmin === false ? `${REQUIRES_ADMIN}: ${why}` : why);
  }
  const auth = (name: string, value: boolean | UnknownFact | null | undefined) =>
    setting(value, `WSMan:\\localhost\\Service\\Auth\\${name}`, `auth_${name.toLowerCase()}`);
  return {
    listeners: winrmListeners(ctx, w, fromRegistry, wsmanError),
    allowUnencrypted,
    source:
      w.source === 'WSMan' || w.source === 'registry'
        ? w.source
        : unknown('the collector did not say whether it read WSMan or the registry'),
    clientAuth: w.clientAuth
      ? {
          credSSP: setting(
            effective('clientAllowCredSSP', w.clientAuth.credSSP),
            'WSMan:\\localhost\\Client\\Auth\\CredSSP',
            'client.auth_credssp',
          ),
        }
      : unknown('the collector did not report the WinRM client settings (winrm/config/client/auth)'),
    auth: {
      basic: auth('Basic', effective('allowBasic', w.auth.basic)),
      kerberos: auth('Kerberos', w.auth.kerberos),
      negotiate: auth('Negotiate', w.auth.negotiate),
      certificate: auth('Certificate', w.auth.certificate),
      credSSP: auth('CredSSP', effective('allowCredSSP', w.auth.credSSP)),
      cbtHardeningLevel: setting(
        w.auth.cbtHardeningLevel,
        'WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel',
        'cbt_hardening_level',
      ),
    },
    policy,
    sources: fromRegistry
      ? unknown(`${wsmanError}: only WSMan marks where each value came from (Source="GPO"), the registry copy does not`)
      : w.sources
        ? Object.fromEntries(Object.entries(w.sources).filter((e): e is [string, Origin] => isOrigin(e[1])))
        : unknown('the collector did not report where each WSMan value came from'),
  };
}

/**
 * Listeners are named by address and transport (winrm/config/Listener?Address=*+Transport=HTTP, Microsoft Learn,
 * "Installation and configuration for Windows Remote Management"); one without either makes the list unknown.
 */
function winrmListeners(ctx: MapContext, w: Raw, fromRegistry: boolean, wsmanError: string): Listeners {
  if (fromRegistry) {
    const incomplete = registryListenersIncomplete(ctx, w, wsmanError);
    if (incomplete) return unknown(incomplete);
  }
  const unnamed = w.listeners.find((l) => !l.transport || !l.address);
  if (unnamed)
    return unknown(
      `the collector reported a WinRM listener without ${unnamed.transport ? 'Address' : 'Transport'} (address and transport name a listener)`,
    );
  return w.listeners.map((l) => {
    const name = `${l.address}+${l.transport}`;
    const missing = (wsmanName: string, registryValue: string) =>
      unknown(
        fromRegistry
          ? (readError(ctx, 'winrm', `listener:${name}`) ??
              `the registry key of listener ${name} holds no ${registryValue} value (a default is not assumed)`)
          : `Get-WSManInstance winrm/config/listener gave no ${wsmanName} for listener ${name}`,
      );
    return compact({
      transport: l.transport as string,
      address: l.address as string,
      port: l.port ?? missing('Port', 'Port'),
      enabled: l.enabled ?? missing('Enabled', 'enabled'),
      certificateThumbprint:
        l.certificateThumbprint ||
        (l.transport?.toUpperCase() === 'HTTPS'
          ? unknown(
              fromRegistry
                ? `${wsmanError}: the collector reads no certificate thumbprint from the registry key of listener ${name}`
                : `Get-WSManInstance winrm/config/listener gave no CertificateThumbprint for HTTPS listener ${name}`,
            )
          : undefined),
      source: isOrigin(l.source)
        ? l.source
        : unknown(
            fromRegistry
              ? `${wsmanError}: the registry key of listener ${name} does not record whether Group Policy created it`
              : `Get-WSManInstance winrm/config/listener did not say whether Group Policy created listener ${name}`,
          ),
    });
  });
}

/**
 * Why the registry's Listener keys may not be all the listeners: they could not be read, or the policy "Allow remote
 * server management through WinRM" (AllowAutoConfig, Microsoft Learn, Policy CSP - RemoteManagement) is on or unread,
 * whose listener WSMan reports with Source="GPO". Unverified on a real host: whether the service also writes that
 * listener under WSMAN\Listener; until it is, such a list is not taken as complete.
 */
function registryListenersIncomplete(ctx: MapContext, w: Raw, wsmanError: string): string | undefined {
  const keysError = readError(ctx, 'winrm', 'registry.listeners');
  if (keysError) return keysError;
  const autoConfigError = readError(ctx, 'winrm', 'AllowAutoConfig');
  if (autoConfigError) return autoConfigError;
  const autoConfig = w.policy?.allowAutoConfig;
  if (autoConfig === undefined)
    return `${wsmanError}; the collector did not report the AllowAutoConfig policy, so listeners Group Policy makes are not known`;
  if (autoConfig === true)
    return `${wsmanError}; Group Policy "Allow remote server management through WinRM" (AllowAutoConfig) makes a listener only WSMan reports`;
  return undefined;
}

/** Group-policy values: absent = not set by policy (no such key or value); one the collector could not read is unknown. */
function winrmPolicy(ctx: MapContext, policy: Raw['policy']): WinRm['policy'] {
  if (!policy) return unknown(`the collector did not report the WinRM Group Policy values (${POLICY_KEYS})`);
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
