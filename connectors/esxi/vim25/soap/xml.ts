import { readXml, safeKey, walkXml, type XmlBuilder, type XmlNode as Node } from '../../../xml.js';
import { isMoRef, moRef, type VimObject, type VimValue } from '../value.js';
import { escapeXml } from '../../../../src/core/text/escape.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** Types the server needs named on the wire because the schema slot is polymorphic. */
const POLYMORPHIC = new Set(['TraversalSpec', 'SelectionSpec']);
const NUMERIC = new Set(['int', 'long', 'short', 'byte', 'float', 'double']);
const PRIMITIVE_TEXT = new Set(['string', 'dateTime', 'base64Binary', 'anyURI']);

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

interface VimElement {
  /** Local name: the field this element fills in its parent. */
  name: string;
  scope: Scope;
  /** xsi:type, local name. */
  type: string | undefined;
  /** The unprefixed `type` attribute a ManagedObjectReference carries. */
  refType: string | undefined;
  text: string;
  /** Children of an ArrayOf… element, in order. */
  items: VimValue[] | undefined;
  /** Children of any other element, grouped by local name (a repeated element becomes an array). */
  fields: Map<string, VimValue[]> | undefined;
  value: VimValue;
}

function openVim(
  qname: string,
  attributes: ReadonlyArray<readonly [string, string]>,
  parent: VimElement | undefined,
): VimElement {
  let scope = parent?.scope ?? {};
  let ownScope = parent === undefined;
  for (const [name, value] of attributes) {
    if (!name.startsWith('xmlns:')) continue;
    if (!ownScope) {
      scope = { ...scope };
      ownScope = true;
    }
    scope[name.slice(6)] = value;
  }
  let type: string | undefined;
  let refType: string | undefined;
  for (const [name, value] of attributes) {
    if (name === 'type') refType = value.trim();
    const colon = name.indexOf(':');
    if (colon < 0 || name.slice(colon + 1) !== 'type') continue;
    const prefix = name.slice(0, colon);
    if (scope[prefix] === XSI || (scope[prefix] === undefined && prefix === 'xsi')) type = localName(value.trim());
  }
  const arrayOf = type?.startsWith('ArrayOf') ?? false;
  return {
    name: safeKey(localName(qname)),
    scope,
    type,
    refType,
    text: '',
    items: arrayOf ? [] : undefined,
    fields: undefined,
    value: '',
  };
}

/** Typed primitives, ArrayOf… wrappers, MoRefs, enums (text with their enum type) and data objects. */
function valueOf(el: VimElement): VimValue {
  const { type, text } = el;
  if (el.refType !== undefined && (type === undefined || type === 'ManagedObjectReference'))
    return moRef(el.refType, text);
  if (type !== undefined && NUMERIC.has(type)) return Number(text);
  if (type === 'boolean') return text === 'true';
  if (el.items) return el.items;
  if (!el.fields) return type === undefined || text !== '' || PRIMITIVE_TEXT.has(type) ? text : { _type: type };
  const out: VimObject = type ? { _type: type } : {};
  for (const [name, values] of el.fields) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

/** Decodes straight from the reader into VimValues: no intermediate tree for replies of thousands of elements. */
const VIM_BUILDER: XmlBuilder<VimElement> = {
  open: openVim,
  text(el, text) {
    el.text += text;
  },
  close(el, parent) {
    el.value = valueOf(el);
    if (!parent) return;
    if (parent.items) parent.items.push(el.value);
    else {
      parent.fields ??= new Map();
      const values = parent.fields.get(el.name);
      if (values) values.push(el.value);
      else parent.fields.set(el.name, [el.value]);
    }
  },
};

/** Parses and decodes a whole document: its root element's local name and value. Throws naming what is malformed. */
export function decodeDocument(text: string): { name: string; value: VimValue } {
  const root = walkXml(text, VIM_BUILDER);
  return { name: root.name, value: root.value };
}

export type { Node as XmlNode, Scope as XmlScope };
export { scopeOf };
