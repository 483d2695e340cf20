import { XMLParser } from 'fast-xml-parser';
import {
  ANY_FIELDS,
  POLYMORPHIC_FIELDS,
  anyTypeName,
  arrayTypeName,
  Data,
  isXsdPrimitive,
  MoRef,
  Prim,
  type VimValue,
  VimList,
} from './values.js';
import { escapeXml } from '../../core/text/escape.js';

/**
 * vim25 SOAP on the wire, as vSphere writes it (compare govmomi's vim25/mo/fixtures, captured from a server): xsi/xsd
 * declared on the envelope, `xmlns="urn:vim25"` on the response element, `xsi:type` only where the slot is xsd:anyType
 * (DynamicProperty.val, OptionValue.value) and on each item of an `ArrayOfX` there, repeated elements for arrays in
 * typed fields. A statically typed field or returnval carries no type (govmomi falls back to the declared type).
 */
const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<soapenv:Body>\n';
const ENVELOPE_CLOSE = '</soapenv:Body>\n</soapenv:Envelope>';

function xsiType(type: string): string {
  return ` xsi:type="${isXsdPrimitive(type) ? 'xsd:' + type : type}"`;
}

function primitiveText(value: string | number | boolean): string {
  return escapeXml(String(value));
}

/** Data objects are never changed after construction (a host re-renders on change), so their XML can be reused. */
const innerXml = new WeakMap<Data, string>();

/**
 * One element; `inAny` is true where the schema slot is xsd:anyType, so the value must name its own type;
 * `subtyped` where the slot is a base type holding subtypes, so data objects name theirs.
 */
export function encodeElement(name: string, value: VimValue | undefined, inAny = false, subtyped = false): string {
  if (value === undefined) return '';
  if (value instanceof VimList) {
    if (inAny) {
      const itemName = value.itemType;
      return `<${name}${xsiType(arrayTypeName(value.itemType))}>${value.items.map((item) => encodeElement(itemName, item, true)).join('')}</${name}>`;
    }
    return value.items.map((item) => encodeElement(name, item, false, subtyped)).join('');
  }
  if (value instanceof Data) {
    let body = innerXml.get(value);
    if (body === undefined) {
      body = Object.entries(value.fields)
        .map(([field, v]) =>
          encodeElement(
            field,
            v,
            ANY_FIELDS.has(`${value.type}.${field}`),
            POLYMORPHIC_FIELDS.has(`${value.type}.${field}`),
          ),
        )
        .join('');
      innerXml.set(value, body);
    }
    return `<${name}${inAny || subtyped ? xsiType(value.type) : ''}>${body}</${name}>`;
  }
  if (value instanceof MoRef) {
    return `<${name} type="${escapeXml(value.type)}"${inAny ? xsiType('ManagedObjectReference') : ''}>${escapeXml(value.value)}</${name}>`;
  }
  if (value instanceof Prim) return `<${name}${xsiType(value.type)}>${primitiveText(value.value)}</${name}>`;
  return `<${name}${inAny ? xsiType(anyTypeName(value)) : ''}>${primitiveText(value)}</${name}>`;
}

/** `<{method}Response xmlns="urn:vim25">` with zero, one or many `returnval` elements (arrays repeat it). */
export function encodeResponse(method: string, result: VimValue | undefined): string {
  return `${ENVELOPE_OPEN}<${method}Response xmlns="urn:vim25">${encodeElement('returnval', result)}</${method}Response>\n${ENVELOPE_CLOSE}`;
}

export interface SoapFault {
  /** The vim25 fault type, e.g. InvalidLogin; the detail element is `<{type}Fault xsi:type="{type}">`. */
  type: string;
  message: string;
  fields?: Record<string, VimValue | undefined>;
  /** `ServerFaultCode` for vim faults; `ClientFaultCode` for a request the server could not read. */
  code?: string;
}

export function encodeFault(fault: SoapFault): string {
  const detailBody = Object.entries(fault.fields ?? {})
    .map(([field, v]) => encodeElement(field, v))
    .join('');
  return (
    `${ENVELOPE_OPEN}<soapenv:Fault>\n<faultcode>${fault.code ?? 'ServerFaultCode'}</faultcode>\n` +
    `<faultstring>${escapeXml(fault.message)}</faultstring>\n<detail>\n` +
    `<${fault.type}Fault xmlns="urn:vim25" xsi:type="${fault.type}">${detailBody}</${fault.type}Fault>\n` +
    `</detail>\n</soapenv:Fault>\n${ENVELOPE_CLOSE}`
  );
}

/** A request argument in the JSON-like shape both transports share: MoRefs as {type, value}, tagged objects with _typeName. */
export type Arg = string | number | boolean | null | { [key: string]: Arg | Arg[] } | Arg[];

export interface SoapRequest {
  method: string;
  self: MoRef;
  args: Record<string, Arg | Arg[]>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function stripPrefix(type: string): string {
  return type.includes(':') ? type.slice(type.indexOf(':') + 1) : type;
}

/** Turns a parsed XML node into the shared argument shape (attributes stripped of namespace prefixes by the parser). */
function toArg(node: unknown): Arg | Arg[] {
  if (Array.isArray(node)) return node.map((n) => toArg(n) as Arg);
  if (node === null || typeof node !== 'object') return node === undefined || node === null ? '' : String(node);
  const obj = node as Record<string, unknown>;
  const type = typeof obj['@_type'] === 'string' ? (obj['@_type'] as string) : undefined;
  const children = Object.keys(obj).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (type !== undefined && children.length === 0) {
    const text = obj['#text'] === undefined ? '' : String(obj['#text']);
    // xsi:type="xsd:long" on a primitive, or a MoRef's own `type` attribute: both arrive as @_type.
    if (type.startsWith('xsd:') || isXsdPrimitive(stripPrefix(type))) return text;
    return { type, value: text };
  }
  const out: Record<string, Arg | Arg[]> = {};
  if (type !== undefined) out._typeName = stripPrefix(type);
  for (const key of children) out[key] = toArg(obj[key]);
  return out;
}

export class SoapParseError extends Error {}

export function parseRequest(xml: string): SoapRequest {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new SoapParseError(`XML not well-formed: ${(err as Error).message}`);
  }
  const envelope = doc.Envelope as Record<string, unknown> | undefined;
  const body = envelope?.Body as Record<string, unknown> | undefined;
  const method = body ? Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text') : undefined;
  if (!body || !method) throw new SoapParseError('no SOAP Body method element');
  const node = body[method];
  const args = (typeof node === 'object' && node !== null ? toArg(node) : {}) as Record<string, Arg | Arg[]>;
  const self = args._this as { type?: string; value?: string } | undefined;
  delete args._this;
  if (!self || typeof self !== 'object' || !self.type) throw new SoapParseError(`${method}: missing _this`);
  return { method, self: new MoRef(self.type, self.value ?? ''), args };
}
