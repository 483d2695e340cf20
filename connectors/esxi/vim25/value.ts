/**
 * The vSphere data model as both transports decode it: SOAP (xsi:type) and VI/JSON (_typeName) become the same plain
 * values, so the facts mapper never knows which protocol carried them. Typed data objects keep their WSDL type in
 * `_type`; a managed object reference is `{ _type: 'ManagedObjectReference', type, value }`.
 */
export type VimValue = string | number | boolean | null | VimObject | VimValue[];
export interface VimObject {
  _type?: string;
  [field: string]: VimValue | undefined;
}
export interface MoRef extends VimObject {
  _type: 'ManagedObjectReference';
  type: string;
  value: string;
}

export function moRef(type: string, value: string): MoRef {
  return { _type: 'ManagedObjectReference', type, value };
}

export function isMoRef(v: unknown): v is MoRef {
  return typeof v === 'object' && v !== null && (v as VimObject)._type === 'ManagedObjectReference';
}

export function refKey(ref: MoRef): string {
  return `${ref.type}:${ref.value}`;
}

/** A repeated XML element arrives as one value when it occurs once; JSON always sends arrays. */
export function list(v: VimValue | undefined): VimValue[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

export function objects(v: VimValue | undefined): VimObject[] {
  return list(v).filter((x): x is VimObject => typeof x === 'object' && x !== null && !Array.isArray(x));
}

export function obj(v: VimValue | undefined): VimObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

export function str(v: VimValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function num(v: VimValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(v: VimValue | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return undefined;
}

export function strings(v: VimValue | undefined): string[] {
  return list(v)
    .map(str)
    .filter((s): s is string => s !== undefined);
}

/** Reads a dotted path through data objects ("summary.hardware.vendor"). */
export function at(v: VimValue | undefined, path: string): VimValue | undefined {
  let cur: VimValue | undefined = v;
  for (const part of path.split('.')) {
    const o = obj(cur);
    if (!o) return undefined;
    cur = o[part];
  }
  return cur;
}
