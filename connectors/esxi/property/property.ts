import { CollectError } from '../../../src/core/connector/errors.js';
import { MAX_PAGE_BYTES } from '../vim25/http.js';
import type { VimSession } from '../vim25/session.js';
import { isMoRef, list, obj, objects, str, type MoRef, type VimObject, type VimValue } from '../vim25/value.js';

export interface ObjectContent {
  obj: MoRef;
  props: Record<string, VimValue>;
  /** Paths the server reported it could not read, with the fault name. */
  missing: Record<string, string>;
}

export function propertySpec(type: string, pathSet: string[]): VimObject {
  return { _type: 'PropertySpec', type, all: false, pathSet };
}

export function traversal(name: string, type: string, path: string, next: string[] = []): VimObject {
  return {
    _type: 'TraversalSpec',
    name,
    type,
    path,
    skip: false,
    selectSet: next.map((n) => ({ _type: 'SelectionSpec', name: n })),
  };
}

export function objectSpec(ref: MoRef, skip: boolean, selectSet: VimObject[] = []): VimObject {
  return { _type: 'ObjectSpec', obj: ref, skip, selectSet };
}

export function filterSpec(propSet: VimObject[], objectSet: VimObject[]): VimObject {
  // reportMissingObjectsInResults: a vanished manager is reported, not a fault for the whole batch.
  return { _type: 'PropertyFilterSpec', propSet, objectSet, reportMissingObjectsInResults: true };
}

function toContent(v: VimValue): ObjectContent | undefined {
  const o = obj(v);
  if (!o || !isMoRef(o.obj)) return undefined;
  const props: Record<string, VimValue> = {};
  for (const p of objects(o.propSet)) {
    const name = str(p.name);
    if (name !== undefined && p.val !== undefined) props[name] = p.val;
  }
  const missing: Record<string, string> = {};
  for (const m of objects(o.missingSet)) {
    const path = str(m.path);
    const fault = obj(m.fault);
    if (path !== undefined) missing[path] = String(obj(fault?.fault)?._type ?? fault?._type ?? 'fault');
  }
  return { obj: o.obj, props, missing };
}

/**
 * Objects per page asked of the server (RetrieveOptions.maxObjects): 50 hosts with 2,000 advanced options each make
 * about 18 MiB on the lab simulator, a safe margin below the 64 MiB page cap (test/esxi/paging.test.ts).
 */
export const PAGE_OBJECTS = 50;

/** One host's share of a paged retrieval: itself, up to 1,024 VMs (ESXi 8's per-host maximum) and its networks. */
const OBJECTS_PER_HOST = 1200;
const PAGES_PER_HOST = Math.ceil(OBJECTS_PER_HOST / PAGE_OBJECTS);
/** Bytes one host's share may take: its properties with thousands of advanced options, its VMs and manager answers. */
const BYTES_PER_HOST = 16 * 1024 * 1024;
/** Twice vCenter 8's 2,500-host maximum: the most hosts a budget grows to, however many a server claims. */
export const MAX_HOSTS = 5000;

/** How far one paged retrieval may go before the host (or the vCenter's hosts) fails with a clear error. */
export interface PagingBudget {
  /** Hosts expected up front (1 standalone, the REST list's length); grows with HostSystem objects received. */
  hosts: number;
}

export function pagingLimits(hosts: number): { pages: number; bytes: number } {
  const n = Math.min(Math.max(hosts, 1), MAX_HOSTS);
  return { pages: 1 + n * PAGES_PER_HOST, bytes: MAX_PAGE_BYTES + n * BYTES_PER_HOST };
}

/**
 * RetrievePropertiesEx with maxObjects, then ContinueRetrievePropertiesEx while the server hands back a token, each
 * page handed to `onPage` and awaited before the next is asked for (a slow consumer holds the pages back). Pages and
 * bytes are bounded by the hosts involved: a server that keeps paging fails the call with an error naming it.
 */
export async function retrievePages(
  session: VimSession,
  specSet: VimObject[],
  budget: PagingBudget,
  onPage: (page: ObjectContent[]) => Promise<void> | void,
): Promise<void> {
  const pc = session.ref('propertyCollector');
  let bytes = 0;
  // Distinct hosts: a server repeating one host page after page must not grow its own budget.
  const hostsSeen = new Set<string>();
  const onBytes = (n: number) => void (bytes += n);
  let result = obj(
    await session.invoke(
      'RetrievePropertiesEx',
      pc,
      { specSet, options: { _type: 'RetrieveOptions', maxObjects: PAGE_OBJECTS } },
      { maxBytes: MAX_PAGE_BYTES, onBytes },
    ),
  );
  for (let pages = 1; ; pages++) {
    const page: ObjectContent[] = [];
    for (const item of list(result?.objects)) {
      const content = toContent(item);
      if (!content) continue;
      page.push(content);
      if (content.obj.type === 'HostSystem') hostsSeen.add(content.obj.value);
    }
    const token = str(result?.token);
    await onPage(page);
    if (!token) return;
    const bound = pagingLimits(Math.max(budget.hosts, hostsSeen.size));
    const call = pages === 1 ? 'RetrievePropertiesEx' : 'ContinueRetrievePropertiesEx';
    if (pages >= bound.pages || bytes >= bound.bytes) {
      throw new CollectError(
        'collect',
        `${session.where}: ${call} kept paging: ${pages} pages and ${bytes} bytes reached the bound of ${bound.pages} pages or ${bound.bytes} bytes ` +
          `for ${Math.max(budget.hosts, hostsSeen.size)} host(s); the property collector's answer was abandoned`,
        { code: 'PAGING_BOUND' },
      );
    }
    result = obj(
      await session.invoke('ContinueRetrievePropertiesEx', pc, { token }, { maxBytes: MAX_PAGE_BYTES, onBytes }),
    );
  }
}

/** Every page of a retrieval in one list (the manager pass, whose objects are few per host). */
export async function retrieveAll(
  session: VimSession,
  specSet: VimObject[],
  budget: PagingBudget = { hosts: 1 },
): Promise<ObjectContent[]> {
  const out: ObjectContent[] = [];
  await retrievePages(session, specSet, budget, (page) => void out.push(...page));
  return out;
}
