import { ANY_FIELDS, anyTypeName, Data, MoRef, Prim, type VimValue, VimList } from './values.js';

/**
 * VI/JSON encoding (vsphere-api.md §1.6): `_typeName` on every data object and MoRef; a primitive or array in an
 * anyType slot is boxed as {_typeName, _value}.
 */
export function toJson(value: VimValue | undefined, inAny = false): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Data) {
    const out: Record<string, unknown> = { _typeName: value.type };
    for (const [field, v] of Object.entries(value.fields)) {
      const encoded = toJson(v, ANY_FIELDS.has(`${value.type}.${field}`));
      if (encoded !== undefined) out[field] = encoded;
    }
    return out;
  }
  if (value instanceof MoRef) return { _typeName: 'ManagedObjectReference', type: value.type, value: value.value };
  if (value instanceof Prim) return { _typeName: value.type, _value: value.value };
  if (value instanceof VimList) {
    const items = value.items.map((item) => toJson(item));
    return inAny ? { _typeName: anyTypeName(value), _value: items } : items;
  }
  return inAny ? { _typeName: anyTypeName(value), _value: value } : value;
}
