/**
 * The simulator's vim25 value model, shared by the SOAP and VI/JSON encoders.
 * Plain strings, numbers and booleans are statically typed fields (no type tag unless they sit in an anyType slot);
 * `Prim` is a primitive that always carries its type (OptionValue.value, a boxed any); `VimList` knows its item type
 * so an empty array can still be tagged `ArrayOfX`.
 */
export type VimValue = string | number | boolean | Data | MoRef | Prim | VimList;

export class Data {
  constructor(
    readonly type: string,
    readonly fields: Record<string, VimValue | undefined>,
  ) {}
}

export class MoRef {
  constructor(
    readonly type: string,
    readonly value: string,
  ) {}
}

/** A primitive in an anyType slot: `type` is an xsd name without prefix (`long`, `string`, `boolean`, `int`). */
export class Prim {
  constructor(
    readonly type: string,
    readonly value: string | number | boolean,
  ) {}
}

export class VimList {
  constructor(
    readonly itemType: string,
    readonly items: VimValue[],
  ) {}
}

export const data = (type: string, fields: Record<string, VimValue | undefined>): Data => new Data(type, fields);
export const moref = (type: string, value: string): MoRef => new MoRef(type, value);
export const list = (itemType: string, items: VimValue[]): VimList => new VimList(itemType, items);
export const strings = (items: string[]): VimList => new VimList('string', items);

const XSD_PRIMITIVES = new Set([
  'string',
  'int',
  'long',
  'short',
  'byte',
  'boolean',
  'double',
  'float',
  'dateTime',
  'base64Binary',
]);

export function isXsdPrimitive(type: string): boolean {
  return XSD_PRIMITIVES.has(type);
}

/** Data object fields declared xsd:anyType: their value names its own type on the wire. */
export const ANY_FIELDS = new Set(['DynamicProperty.val', 'OptionValue.value']);

/** Fields declared with a base type whose items are subtypes, so each names its own xsi:type (vim25 Base* fields). */
export const POLYMORPHIC_FIELDS = new Set(['HostAuthenticationManagerInfo.authConfig']);

/** `ArrayOfString`, `ArrayOfManagedObjectReference`, `ArrayOfHostCpuIdInfo`... as vim25 names array types. */
export function arrayTypeName(itemType: string): string {
  return 'ArrayOf' + itemType.charAt(0).toUpperCase() + itemType.slice(1);
}

/** The type a value carries when it lands in an anyType slot (DynamicProperty.val). */
export function anyTypeName(value: VimValue): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'int';
  if (value instanceof Data) return value.type;
  if (value instanceof MoRef) return 'ManagedObjectReference';
  if (value instanceof Prim) return value.type;
  return arrayTypeName(value.itemType);
}

/** Walks a dotted property path (`config.product`) through data objects; undefined when a step is unset. */
export function resolvePath(root: Record<string, VimValue | undefined>, path: string): VimValue | undefined {
  const [head, ...rest] = path.split('.');
  let value: VimValue | undefined = root[head];
  for (const step of rest) {
    if (!(value instanceof Data)) return undefined;
    value = value.fields[step];
  }
  return value;
}
