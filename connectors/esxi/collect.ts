import type { VsphereTarget } from '../../src/core/config/schema.js';
import { CollectError } from '../../src/core/connector/errors.js';
import type { CollectContext } from '../../src/core/connector/types.js';
import { connect, type Connection } from './connect.js';
import { collectEsxcli, everyCall, prefetchExecuter } from './inventory/esxcli/executor.js';
import { VimFault } from './vim25/fault.js';
import { loadCatalogs } from './facts/catalog.js';
import { mapHostFacts } from './facts/index.js';
import { collectManagers, inventoryFromRoot, retrieveHosts, type HostRaw } from './inventory/retrieve.js';
import { moRef, str, type MoRef, type VimObject } from './vim25/value.js';
import { discoverHostsRest, hostContainerView, hostObjectSpecs } from './inventory/vcenter/discover.js';

/** Round-trip accounting for the budget tests and docs/esxi-connector.md. */
export interface VsphereStats {
  /** Hosts handed to `onHost`. */
  hosts: number;
  requests: number;
  roundTrips: number;
  propertyCollectorCalls: number;
  protocol: string;
  discovery: 'root-traversal' | 'rest' | 'container-view';
}

/**
 * Batches of whole hosts (those one host-pass page completed) in their manager and esxcli calls at once: the host
 * pass asks for its next page only while fewer are running, so a vCenter holds a few pages of hosts, whatever its size.
 */
const BATCHES_IN_FLIGHT = 3;

const unbounded = <T>(fn: () => Promise<T>): Promise<T> => fn();

/** A fault on a call the whole collection depends on is a per-target collect error naming the call. */
function critical<T>(where: string, what: string, p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    if (err instanceof VimFault)
      throw new CollectError('collect', `${where}: ${what} failed: ${err.message}`, {
        cause: err,
        code: err.faultName,
      });
    throw err;
  });
}

/**
 * Collects a standalone ESXi host or every host of a vCenter, handing each host to `ctx.onHost` as soon as it is
 * mapped. Critical path (standalone): RetrieveServiceContent, Login, one RetrievePropertiesEx (host + VMs) beside
 * RetrieveManagedMethodExecuter, one concurrent wave of manager calls and esxcli ExecuteSoap calls, Logout. A vCenter
 * pages through its hosts: the hosts each page completes get their manager calls (one RetrievePropertiesEx for their
 * manager properties) and each host its executer and esxcli calls, while the next page is fetched.
 */
export async function collectVsphere(target: VsphereTarget, ctx: CollectContext): Promise<VsphereStats> {
  const startedAt = new Date().toISOString();
  let conn: Connection | undefined;
  let restLogout: Promise<void> | undefined;
  try {
    conn = await connect(target, ctx);
    const { session, where } = conn;
    const about = session.about;
    const vcenter = str(about.apiType) === 'VirtualCenter';
    if (target.platform === 'esxi' && vcenter)
      ctx.logger.warn(`${where}: configured as esxi but the endpoint is a vCenter; collecting all its hosts`);

    // vCenter: the REST host list runs beside Login; its session is deleted in the background.
    const rest = vcenter
      ? discoverHostsRest(conn.http, ctx.credentials.username, ctx.credentials.password ?? '')
      : undefined;
    // esxcli's SOAP session (beside VI/JSON) logs in with the others; it is not needed when esxcli is off.
    const esxcli = target.esxcli !== false;
    const cli = esxcli ? conn.cliSession : session;
    const [login, restResult, cliLogin] = await Promise.allSettled([
      session.login(),
      rest,
      cli !== session ? cli.login() : undefined,
    ]);
    restLogout = restResult.status === 'fulfilled' ? restResult.value?.logout : undefined;
    if (login.status === 'rejected') throw login.reason;
    if (cliLogin.status === 'rejected') throw cliLogin.reason;
    if (restResult.status === 'rejected') throw restResult.reason;
    ctx.progress?.('collecting');
    const restHosts = restResult.value?.hosts;

    let discovery: VsphereStats['discovery'] = 'root-traversal';
    let objectSet: VimObject[];
    let view: MoRef | undefined;
    if (!vcenter) {
      objectSet = [inventoryFromRoot(session.ref('rootFolder'))];
    } else if (restHosts && restHosts.length > 0) {
      discovery = 'rest';
      objectSet = hostObjectSpecs(restHosts);
    } else {
      discovery = 'container-view';
      const created = await critical(where, 'CreateContainerView', hostContainerView(session, where));
      objectSet = created.specs;
      view = created.view;
    }
    const protocol =
      conn.transport.protocol === 'vi-json'
        ? 'vi-json'
        : discovery === 'rest'
          ? 'vcenter-rest+vim25-soap'
          : 'vim25-soap';
    const catalogs = loadCatalogs();
    const certificate = conn.tls.peerCertificate();
    const t0 = Date.now();
    // A standalone host's HostSystem is always ha-host: its esxcli executer is fetched beside the property pass, so
    // the ExecuteSoap calls join the manager wave and the critical path keeps its length.
    const executer = vcenter || !esxcli ? undefined : prefetchExecuter(cli, moRef('HostSystem', 'ha-host'));
    // A vCenter's per-host calls share the scan's sub-pool; a standalone host's wave is bounded by its own sockets.
    const limit = vcenter ? ctx.limit : unbounded;
    let handedOn = 0;
    const finish = async (hosts: HostRaw[], propertiesMs: number): Promise<void> => {
      const t1 = Date.now();
      let esxcliMs = 0;
      if (!esxcli)
        for (const h of hosts) h.esxcli = everyCall("esxcli turned off in the target's config (esxcli: false)");
      const esxcliWave = esxcli
        ? collectEsxcli(cli, hosts, limit, ctx.signal, executer).then(() => void (esxcliMs = Date.now() - t1))
        : undefined;
      await Promise.all([collectManagers(session, hosts, limit, ctx.signal), esxcliWave]);
      const managersMs = Date.now() - t1;
      for (const raw of hosts) {
        ctx.onHost(
          mapHostFacts({
            raw,
            about,
            standalone: !vcenter,
            target: { name: target.name, host: target.host },
            managedBy: vcenter ? target.name : undefined,
            certificate,
            catalogs,
            collection: {
              connector: 'esxi',
              protocol,
              startedAt,
              finishedAt: new Date().toISOString(),
              serverTrust: conn!.tls.trust,
              requests: conn!.http.requests,
              sections: {
                properties: { ms: propertiesMs, ok: true },
                managers: { ms: managersMs, ok: Object.values(raw.managers).every((o) => o.ok) },
                esxcli: { ms: esxcliMs, ok: raw.esxcli !== undefined && Object.values(raw.esxcli).every((o) => o.ok) },
              },
            },
          }),
        );
        handedOn++;
      }
    };
    const window = new BatchWindow(BATCHES_IN_FLIGHT);
    try {
      await critical(
        where,
        'RetrievePropertiesEx (hosts and VMs)',
        retrieveHosts(session, objectSet, { hosts: restHosts?.length ?? 1 }, (hosts) =>
          window.add(finish(hosts, Date.now() - t0)),
        ),
      );
    } catch (err) {
      await window.settled();
      throw err;
    }
    const destroyView = view ? session.invoke('DestroyView', view).catch(() => undefined) : undefined;
    await Promise.all([window.drain(), destroyView, restLogout, executer?.result]);
    if (!vcenter && handedOn === 0)
      throw new CollectError('collect', `${where}: the host's inventory lists no HostSystem`);
    await Promise.all([session.logout(ctx.signal), cli.logout(ctx.signal)]);
    return {
      hosts: handedOn,
      requests: conn.http.requests,
      roundTrips: conn.http.roundTrips,
      propertyCollectorCalls: session.propertyCollectorCalls,
      protocol,
      discovery,
    };
  } finally {
    await restLogout;
    if (conn) {
      await Promise.all([conn.session.logout(ctx.signal), conn.cliSession.logout(ctx.signal)]);
      conn.http.close();
    }
  }
}

/** Work running at once, at most `max`; `add` waits for a free slot, and the first failure fails the next add or drain. */
class BatchWindow {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly max: number) {}

  async add(work: Promise<void>): Promise<void> {
    const settled: Promise<void> = work.then(
      () => void this.running.delete(settled),
      (error: unknown) => {
        this.failure ??= { error };
        this.running.delete(settled);
      },
    );
    this.running.add(settled);
    while (this.running.size >= this.max && !this.failure) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
  }

  async drain(): Promise<void> {
    await this.settled();
    if (this.failure) throw this.failure.error;
  }

  /** Waits for everything running, whatever its outcome (before the sessions it uses are closed). */
  async settled(): Promise<void> {
    await Promise.all(this.running);
  }
}
