import { MAX_PAGE_BYTES } from './http.js';
import type { VimSession } from './session.js';
import { isMoRef, list, obj, objects, str, type MoRef, type VimObject, type VimValue } from './value.js';

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

/** RetrievePropertiesEx, then ContinueRetrievePropertiesEx while the server hands back a token. */
export async function retrieveAll(session: VimSession, specSet: VimObject[]): Promise<ObjectContent[]> {
  const pc = session.ref('propertyCollector');
  const out: ObjectContent[] = [];
  let result = obj(
    await session.invoke('RetrievePropertiesEx', pc, { specSet, options: { _type: 'RetrieveOptions' } }, { maxBytes: MAX_PAGE_BYTES }),
  );
  for (;;) {
    for (const item of list(result?.objects)) {
      const content = toContent(item);
      if (content) out.push(content);
    }
    const token = str(result?.token);
    if (!token) return out;
    result = obj(await session.invoke('ContinueRetrievePropertiesEx', pc, { token }, { maxBytes: MAX_PAGE_BYTES }));
  }
}
