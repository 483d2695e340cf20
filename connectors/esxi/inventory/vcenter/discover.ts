import { CollectError } from '../../../../src/core/connector/errors.js';
import type { HttpEndpoint } from '../../vim25/http.js';
import { objectSpec, traversal } from '../../property/property.js';
import { HOST_TO_VM, VM_TO_NETWORK } from '../retrieve.js';
import type { VimSession } from '../../vim25/session.js';
import { isMoRef, moRef, type MoRef, type VimObject } from '../../vim25/value.js';
import { parseHostJson } from '../../../json.js';

const REST_SESSION_HEADER = 'vmware-api-session-id';

interface RestApi {
  session: string;
  hosts: string;
  unwrap: (body: unknown) => unknown;
}

/** Current `/api` first, then the deprecated `/rest` paths (vCenter 6.5-7.0 and govmomi's simulator). */
const REST_APIS: RestApi[] = [
  { session: '/api/session', hosts: '/api/vcenter/host', unwrap: (b) => b },
  {
    session: '/rest/com/vmware/cis/session',
    hosts: '/rest/vcenter/host',
    unwrap: (b) => (b as { value?: unknown })?.value,
  },
];

function parseJson(body: Buffer): unknown {
  try {
    return parseHostJson(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface RestDiscovery {
  hosts?: MoRef[];
  /** Deletes the REST session; runs in the background so it costs no round trip on the critical path. */
  logout: Promise<void>;
}

/**
 * Lists the vCenter's hosts over the Automation REST API. `hosts` is undefined when the API is absent or refuses, so
 * the caller falls back to a ContainerView; only an abort or timeout propagates. The REST session is always deleted.
 */
export async function discoverHostsRest(
  http: HttpEndpoint,
  userName: string,
  password: string,
): Promise<RestDiscovery> {
  const basic = `Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}`;
  for (const api of REST_APIS) {
    let token: string | undefined;
    let hosts: MoRef[] | undefined;
    try {
      const login = await http.send({
        method: 'POST',
        path: api.session,
        headers: { Authorization: basic, 'vmware-use-header-authn': 'true' },
        what: `REST ${api.session}`,
        step: 'auth',
      });
      const value = api.unwrap(parseJson(login.body));
      if (login.status >= 300 || typeof value !== 'string') continue;
      token = value;
      const list = await http.send({
        method: 'GET',
        path: api.hosts,
        headers: { [REST_SESSION_HEADER]: token },
        what: `REST ${api.hosts}`,
        step: 'collect',
      });
      const listed = list.status === 200 ? api.unwrap(parseJson(list.body)) : undefined;
      if (Array.isArray(listed)) {
        hosts = listed
          .map((h: { host?: unknown }) => h?.host)
          .filter((id): id is string => typeof id === 'string' && id.length > 0)
          .map((id) => moRef('HostSystem', id));
      }
    } catch (err) {
      if (err instanceof CollectError && (err.step === 'aborted' || err.step === 'timeout')) throw err;
    }
    const logout = token
      ? http
          .send({
            method: 'DELETE',
            path: api.session,
            headers: { [REST_SESSION_HEADER]: token },
            what: `REST logout ${api.session}`,
            step: 'collect',
          })
          .then(
            () => undefined,
            () => undefined,
          )
      : Promise.resolve();
    if (hosts) return { hosts, logout };
    await logout;
  }
  return { logout: Promise.resolve() };
}

/** Object specs for a host list from REST: the hosts themselves and their VMs. */
export function hostObjectSpecs(hosts: MoRef[]): VimObject[] {
  return hosts.map((h) => objectSpec(h, false, [HOST_TO_VM, VM_TO_NETWORK]));
}

/** Falls back to a ContainerView of every HostSystem under the root folder (SOAP or VI/JSON). */
export async function hostContainerView(
  session: VimSession,
  where: string,
): Promise<{ specs: VimObject[]; view: MoRef }> {
  const view = await session.invoke('CreateContainerView', session.ref('viewManager'), {
    container: session.ref('rootFolder'),
    type: ['HostSystem'],
    recursive: true,
  });
  if (!isMoRef(view)) throw new CollectError('parse', `${where}: CreateContainerView returned no view`);
  return {
    view,
    specs: [
      objectSpec(view, true, [traversal('view', 'ContainerView', 'view', ['hostVm']), HOST_TO_VM, VM_TO_NETWORK]),
    ],
  };
}
