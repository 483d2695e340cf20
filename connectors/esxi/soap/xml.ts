import { readXml, type XmlNode as Node } from '../../xml.js';
import { isMoRef, moRef, type VimObject, type VimValue } from '../value.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Types the server needs named on the wire because the schema slot is polymorphic. */
const POLYMORPHIC = new Set(['TraversalSpec', 'SelectionSpec']);
const NUMERIC = new Set(['int', 'long', 'short', 'byte', 'float', 'double']);
const PRIMITIVE_TEXT = new Set(['string', 'dateTime', 'base64Binary', 'anyURI']);

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Serialises one parameter; object keys are written in insertion order, which must be WSDL order. */
export function encodeElement(name: string, value: VimValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => encodeElement(name, v)).join('');
  if (isMoRef(value)) return `<${name} type="${escapeXml(value.type)}">${escapeXml(value.value)}</${name}>`;
  if (typeof value === 'object') {
    const typeAttr = value._type && POLYMORPHIC.has(value._type) ? ` xsi:type="${value._type}"` : '';
    const body = Object.entries(value)
      .filter(([k]) => k !== '_type')
      .map(([k, v]) => encodeElement(k, v))
      .join('');
    return `<${name}${typeAttr}>${body}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function envelope(method: string, self: VimValue, args: Record<string, VimValue | undefined>): string {
  const params = Object.entries(args)
    .map(([k, v]) => encodeElement(k, v))
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><${method} xmlns="urn:vim25">${encodeElement('_this', self)}${params}</${method}></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const VIM_XML = { attributePrefix: '@_' };

/** Parses well-formed XML or throws naming what is wrong and where (truncated bodies end here). */
export function parseXml(text: string): Record<string, Node> {
  return readXml(text, VIM_XML) as Record<string, Node>;
}

/** Children of an element by local name, ignoring attributes and text. */
export function children(node: Node | undefined): Array<[string, Node]> {
  if (!node || typeof node === 'string') return [];
  const out: Array<[string, Node]> = [];
  for (const [key, val] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text' || key === '?xml') continue;
    for (const item of Array.isArray(val) ? val : [val]) out.push([localName(key), item]);
  }
  return out;
}

export function child(node: Node | undefined, name: string): Node | undefined {
  return children(node).find(([k]) => k === name)?.[1];
}

type Scope = Record<string, string>;

function scopeOf(node: Node, parent: Scope): Scope {
  if (typeof node === 'string') return parent;
  let scope = parent;
  for (const key in node) {
    const val = node[key];
    if (key.startsWith('@_xmlns:') && typeof val === 'string') {
      if (scope === parent) scope = { ...parent };
      scope[key.slice(8)] = val;
    }
  }
  return scope;
}

/** The element's xsi:type local name, resolving the prefix by namespace URI (vcsim writes `XMLSchema-instance:type`). */
export function xsiType(node: Node, scope: Scope): string | undefined {
  if (typeof node === 'string') return undefined;
  for (const key in node) {
    const val = node[key];
    if (!key.startsWith('@_') || typeof val !== 'string') continue;
    const name = key.slice(2);
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== 'type') continue;
    const prefix = name.slice(0, colon);
    if (scope[prefix] === XSI || (scope[prefix] === undefined && prefix === 'xsi')) return localName(val);
  }
  return undefined;
}

function text(node: Node): string {
  if (typeof node === 'string') return node;
  const t = node['#text'];
  return typeof t === 'string' ? t : t === undefined ? '' : String(t);
}

/** Decodes an element into a VimValue: typed primitives, ArrayOf… wrappers, MoRefs and data objects. */
export function decode(node: Node, parentScope: Scope = {}): VimValue {
  if (typeof node === 'string') return node;
  // Replies carry thousands of elements: namespaces, xsi:type and children are read in one walk over the keys.
  const scope = scopeOf(node, parentScope);
  const type = xsiType(node, scope);
  if (typeof node['@_type'] === 'string' && (type === undefined || type === 'ManagedObjectReference')) return moRef(node['@_type'], text(node));
  if (type !== undefined) {
    if (NUMERIC.has(type)) return Number(text(node));
    if (type === 'boolean') return text(node) === 'true';
  }
  const arrayOf = type?.startsWith('ArrayOf') ?? false;
  const items: VimValue[] = [];
  const grouped = new Map<string, VimValue[]>();
  for (const key in node) {
    if (key.charCodeAt(0) === 64 /* @ */ || key === '#text') continue;
    const val = node[key]!;
    const name = localName(key);
    const values = arrayOf ? items : (grouped.get(name) ?? []);
    if (Array.isArray(val)) for (const c of val) values.push(decode(c, scope));
    else values.push(decode(val, scope));
    if (!arrayOf) grouped.set(name, values);
  }
  if (arrayOf) return items;
  if (grouped.size === 0) {
    // Enums arrive as text with their enum type (xsi:type="HostLockdownMode"); an empty typed element is a data object.
    const t = text(node);
    if (type === undefined || t !== '' || PRIMITIVE_TEXT.has(type)) return t;
    return { _type: type };
  }
  const out: VimObject = type ? { _type: type } : {};
  for (const [name, values] of grouped) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

export type { Node as XmlNode, Scope as XmlScope };
export { scopeOf };
