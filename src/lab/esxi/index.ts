/**
 * ESXi / vCenter simulator for tests, the lab, the demo and benchmarks (issue 3 §4).
 *
 *   const sim = await startEsxiSimulator({ profile: 'esxi-8.0-risky', username: 'root', password: 'pw', latencyMs: 20 });
 *   // sim.url = https://127.0.0.1:PORT/sdk, sim.fingerprint = SHA-256 of the self-signed leaf (pin it as tls.fingerprint)
 *   sim.requestCount(); sim.requestsByMethod();         // { RetrieveServiceContent: 1, Login: 1, ... }
 *   sim.setOption('ha-host', 'Config.HostAgent.plugins.solo.enableMob', true);   // drift at runtime
 *   sim.setService('ha-host', 'TSM-SSH', true);
 *   sim.expireSessions();                                // next call faults with NotAuthenticated
 *   sim.injectFailure({ method: 'RetrievePropertiesEx', kind: 'reset' });   // bad-input tests
 *   await sim.close();
 *
 *   const vc = await startEsxiSimulator({ mode: 'vcenter', hosts: 500, profile: 'esxi-7.0-hardened', vcenterVersion: '8.0.3', ... });
 *
 * Serves, on 127.0.0.1 with an HTTPS certificate generated at start:
 * - vim25 SOAP at POST /sdk: RetrieveServiceContent (no session), Login/Logout (cookie `vmware_soap_session`),
 *   RetrieveProperties(Ex)/ContinueRetrievePropertiesEx with paging, ContainerView, and the host managers
 *   (image config, kernel modules, advanced options, services, firewall, access manager, vNIC manager), and esxcli
 *   through HostSystem.RetrieveManagedMethodExecuter + ExecuteSoap (esxcli.ts). Faults as
 *   `soapenv:Fault` with a `<XFault xsi:type="X">` detail.
 * - vCenter mode: hosts host-10, host-11, ... in cluster domain-c7; Automation REST on /api (vCenter >= 7.0.2) and
 *   /rest; VI/JSON at /sdk/vim25/{release}/... when the vCenter version is >= 8.0.1.
 * Host data comes from data/lab/esxi/ profiles (esxi-{6.7,7.0,8.0}-{hardened,risky}, see profile.ts).
 */
import { createSelfSignedCertificate } from './cert.js';
import type { ManagerKind } from './host-model.js';
import { Inventory, type Mode } from './inventory.js';
import { type EsxiProfileName, type HostProfile, loadProfile, loadVcenterAbout } from './profile.js';
import { type InjectedFailure, startServer } from './server.js';
import { SessionStore } from './sessions.js';

export type { EsxiProfileName, HostProfile } from './profile.js';
export { ESXI_PROFILE_NAMES, isProfileName, loadProfile } from './profile.js';
export type { InjectedFailure } from './server.js';

export interface SimulatedHostSpec {
  name?: string;
  profile: EsxiProfileName | HostProfile;
}

export interface EsxiSimulatorOptions {
  mode?: Mode;
  /** The host profile (every host's, unless `hosts` lists them). Default esxi-8.0-hardened. */
  profile?: EsxiProfileName | HostProfile;
  /** vCenter mode: a host count, or one spec per host. ESXi mode serves exactly one host. */
  hosts?: number | SimulatedHostSpec[];
  username?: string;
  password?: string;
  /** Added before every response: one round trip's latency. */
  latencyMs?: number;
  /** vCenter mode: a key of data/lab/esxi/vcenter.json. Default 8.0.3. */
  vcenterVersion?: string;
  /** ESXi mode: the host's name. */
  hostName?: string;
  /** Sessions end after this long without a call. Default 30 minutes. */
  sessionIdleMs?: number;
  /** Managers listed in configManager but not served (ManagedObjectNotFound), as in govmomi's simulator. */
  withoutManagers?: ManagerKind[];
  /** Serve no esxcli executer: HostSystem.RetrieveManagedMethodExecuter faults with MethodNotFound, as in vcsim. */
  withoutEsxcli?: boolean;
  /** Bad-input tests: the property collector pages forever (every answer carries a token). */
  endlessPaging?: boolean;
}

export interface SimulatedHostInfo {
  moId: string;
  name: string;
  profile: HostProfile;
}

export interface EsxiSimulator {
  mode: Mode;
  /** https://127.0.0.1:PORT/sdk */
  url: string;
  host: string;
  port: number;
  /** SHA-256 of the certificate, lowercase hex (src/core/net/tls.ts certificateFingerprint). */
  fingerprint: string;
  /** SHA-1 thumbprint, colon-separated uppercase: what govmomi's SetThumbprint expects. */
  thumbprintSha1: string;
  certPem: string;
  username: string;
  password: string;
  hosts: SimulatedHostInfo[];
  requestCount(): number;
  requestsByMethod(): Record<string, number>;
  setOption(host: string, key: string, value: string | number | boolean): void;
  setService(host: string, key: string, running: boolean, policy?: 'on' | 'off' | 'automatic'): void;
  setLockdownMode(host: string, mode: HostProfile['lockdown']['mode']): void;
  expireSessions(): void;
  /** Bad-input tests: make the next matching request(s) misbehave (see InjectedFailure). */
  injectFailure(failure: InjectedFailure): void;
  close(): Promise<void>;
}

export async function startEsxiSimulator(options: EsxiSimulatorOptions = {}): Promise<EsxiSimulator> {
  const mode = options.mode ?? 'esxi';
  const resolve = (p: EsxiProfileName | HostProfile | undefined): HostProfile =>
    typeof p === 'object' ? structuredClone(p) : loadProfile(p ?? 'esxi-8.0-hardened');
  let specs: SimulatedHostSpec[];
  if (mode === 'esxi') specs = [{ name: options.hostName, profile: options.profile ?? 'esxi-8.0-hardened' }];
  else if (Array.isArray(options.hosts)) specs = options.hosts;
  else specs = Array.from({ length: options.hosts ?? 3 }, () => ({ profile: options.profile ?? 'esxi-8.0-hardened' }));
  const hosts = specs.map((s, i) => ({
    name: s.name ?? (mode === 'esxi' ? 'esxi-01.lab.example' : `esxi-${String(i + 1).padStart(3, '0')}.lab.example`),
    profile: resolve(s.profile),
  }));
  const vcenter = mode === 'vcenter' ? loadVcenterAbout(options.vcenterVersion ?? '8.0.3') : undefined;
  const inv = new Inventory(mode, hosts, vcenter, options.withoutManagers, !options.withoutEsxcli);
  inv.endlessPaging = options.endlessPaging ?? false;
  const sessions = new SessionStore(options.sessionIdleMs ?? 30 * 60_000);
  const credentials = { username: options.username ?? 'root', password: options.password ?? 'vmware-lab' };
  const cert = createSelfSignedCertificate(mode === 'esxi' ? hosts[0].name : 'vcenter.lab.example');
  const [major, minor, patch] = (vcenter?.version ?? '0.0.0').split('.').map(Number);
  const server = await startServer(
    { inv, sessions, credentials },
    {
      cert,
      latencyMs: options.latencyMs ?? 0,
      jsonReleases: vcenter?.releases ?? [],
      // /api arrived with vCenter 7.0 U2; /rest exists on every version.
      restApis: !vcenter ? [] : major > 7 || (major === 7 && (minor > 0 || patch >= 2)) ? ['api', 'rest'] : ['rest'],
    },
  );

  const find = (host: string) => {
    const h = inv.hosts.find((x) => x.moId === host || x.name === host);
    if (!h) throw new Error(`simulator has no host '${host}' (hosts: ${inv.hosts.map((x) => x.moId).join(', ')})`);
    return h;
  };
  return {
    mode,
    url: `https://127.0.0.1:${server.port}/sdk`,
    host: '127.0.0.1',
    port: server.port,
    fingerprint: cert.fingerprint,
    thumbprintSha1: cert.thumbprintSha1,
    certPem: cert.certPem,
    username: credentials.username,
    password: credentials.password,
    hosts: inv.hosts.map((h) => ({ moId: h.moId, name: h.name, profile: h.profile })),
    requestCount: server.requestCount,
    requestsByMethod: server.requestsByMethod,
    setOption(host, key, value) {
      const h = find(host);
      const existing = h.profile.options[key];
      const type =
        existing?.type ?? (typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'long' : 'string');
      h.profile.options[key] = { type, value };
      h.changed();
    },
    setService(host, key, running, policy) {
      const h = find(host);
      const service = h.profile.services[key];
      if (!service) throw new Error(`host ${host} has no service '${key}'`);
      service.running = running;
      if (policy) service.policy = policy;
      h.changed();
    },
    setLockdownMode(host, lockdownMode) {
      const h = find(host);
      h.profile.lockdown.mode = lockdownMode;
      h.changed();
    },
    expireSessions: () => sessions.expireAll(),
    injectFailure: server.injectFailure,
    close: server.close,
  };
}
