import type { VimObject, VimValue } from '../value.js';

/** Our values → VI/JSON: every data object carries `_typeName` (mandatory in polymorphic slots such as selectSet). */
export function toJson(value: VimValue | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  if (value._type) out._typeName = value._type;
  for (const [k, v] of Object.entries(value)) {
    if (k === '_type') continue;
    const encoded = toJson(v);
    if (encoded !== undefined) out[k] = encoded;
  }
  return out;
}

/** VI/JSON → our values: `_typeName` → `_type`; boxed primitives and arrays (`{_typeName, _value}`) unwrapped. */
export function fromJson(value: unknown): VimValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value !== 'object') return value as string | number | boolean;
  const record = value as Record<string, unknown>;
  if ('_value' in record && Object.keys(record).every((k) => k === '_typeName' || k === '_value'))
    return fromJson(record._value);
  const out: VimObject = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === '_typeName') out._type = String(v);
    else out[k] = fromJson(v);
  }
  return out;
}
