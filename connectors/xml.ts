import { capText } from '../src/core/log/host-text.js';
/**
 * A strict, single-pass XML reader for the SOAP replies the connectors receive (vim25, esxcli, WS-Management).
 *
 * `walkXml` checks well-formedness while it reads (tags nest and close, exactly one root, attributes quoted and
 * unique, only the five predefined and numeric entities) and hands elements to a builder: `readXml` builds the tree
 * fast-xml-parser builds with `parseTagValue: false, trimValues: true`; the vim25 client decodes straight into its
 * values. Validating first and then parsing (fast-xml-parser's XMLValidator + parse) walked every reply twice and was
 * most of the connectors' CPU at scale (docs/benchmarks.md). Document type declarations are refused: no entity
 * expansion, no external resources.
 */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

export class XmlSyntaxError extends Error {}

/** Receives the elements of a document in order; the reader has already checked what it hands over. */
export interface XmlBuilder<E> {
  /** A start tag: its qualified name and attributes as written (names qualified, values entity-decoded). */
  open(name: string, attributes: ReadonlyArray<readonly [string, string]>, parent: E | undefined): E;
  /** Text inside `element`: each run between tags trimmed on its own, CDATA as is (as fast-xml-parser does). */
  text(element: E, text: string): void;
  /** The end of `element` (also for `<x/>`). */
  close(element: E, parent: E | undefined): void;
}

const MAX_DEPTH = 512;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_END = /[\s/>]/g;
const NOT_SPACE = /\S/g;
const NO_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [];

function lineOf(xml: string, index: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i >= 0 && i < index; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

/** Messages quote names from the document: a 7 MB tag name must not make a 7 MB error. */
function fail(xml: string, index: number, message: string): never {
  throw new XmlSyntaxError(`${capText(message, 1024)} (line ${lineOf(xml, index)})`);
}

const ENTITY = /&([^;&\s<]{0,10});?/y;

/**
 * Entity references replaced in one loop over the `&`s (esxcli answers are escaped XML inside the SOAP reply, dense
 * with `&lt;`: a regex replace with a callback was the largest self-time item of the XML pass in the bench profile).
 */
function decodeEntities(xml: string, raw: string, at: number): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw)!;
    const [match, name] = m as unknown as [string, string];
    if (!match.endsWith(';')) fail(xml, at, `unterminated entity reference "${match}"`);
    out += raw.slice(from, amp) + entityText(xml, name, at);
    from = amp + match.length;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

function entityText(xml: string, name: string, at: number): string {
  // Own keys only: "&toString;" is no entity, whatever Object.prototype holds.
  if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name]!;
  const code = name.startsWith('#x')
    ? parseInt(name.slice(2), 16)
    : name.startsWith('#')
      ? parseInt(name.slice(1), 10)
      : NaN;
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    fail(xml, at, `unknown entity "&${name};"`);
  return String.fromCodePoint(code);
}

/** Reads the attributes of start tag `<name` from `i`; returns them, the index after `>` and whether it self-closed. */
function readAttributes(
  xml: string,
  i: number,
  name: string,
): { attributes: ReadonlyArray<readonly [string, string]>; next: number; selfClosing: boolean } {
  let attributes: Array<[string, string]> | undefined;
  for (;;) {
    NOT_SPACE.lastIndex = i;
    const m = NOT_SPACE.exec(xml);
    if (!m) fail(xml, i, `unexpected end of document inside <${name}>`);
    i = m.index;
    const c = xml[i];
    if (c === '>') return { attributes: attributes ?? NO_ATTRIBUTES, next: i + 1, selfClosing: false };
    if (c === '/') {
      if (xml[i + 1] !== '>') fail(xml, i, `expected "/>" in <${name}>`);
      return { attributes: attributes ?? NO_ATTRIBUTES, next: i + 2, selfClosing: true };
    }
    const eq = xml.indexOf('=', i);
    if (eq < 0) fail(xml, i, `attribute without a value in <${name}>`);
    const attribute = xml.slice(i, eq).trimEnd();
    if (attribute === '' || /[\s<>"'/]/.test(attribute)) fail(xml, i, `malformed attribute in <${name}>`);
    let q = eq + 1;
    while (q < xml.length && /\s/.test(xml[q]!)) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") fail(xml, q, `attribute ${attribute} of <${name}> is not quoted`);
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) fail(xml, q, `unterminated attribute ${attribute} of <${name}>`);
    const raw = xml.slice(q + 1, close);
    if (raw.includes('<')) fail(xml, q, `"<" in attribute ${attribute} of <${name}>`);
    i = close + 1;
    attributes ??= [];
    if (attributes.some(([seen]) => seen === attribute)) fail(xml, i, `duplicate attribute ${attribute} in <${name}>`);
    attributes.push([attribute, decodeEntities(xml, raw, q)]);
  }
}

/** Reads a whole document into `builder`; returns the root element. Throws XmlSyntaxError naming the line. */
export function walkXml<E>(xml: string, builder: XmlBuilder<E>): E {
  const names: string[] = [];
  const elements: E[] = [];
  let root: E | undefined;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    if (end > i) {
      const raw = xml.slice(i, end);
      if (elements.length > 0) {
        const text = decodeEntities(xml, raw, i).trim();
        if (text !== '') builder.text(elements[elements.length - 1]!, text);
      } else if (raw.trim() !== '') fail(xml, i, 'text outside the root element');
    }
    if (lt < 0) break;
    const c = xml[lt + 1];
    if (c === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) fail(xml, lt, 'unexpected end of document in a closing tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      const open = names.pop();
      if (open !== name)
        fail(xml, lt, open !== undefined ? `</${name}> closes <${open}>` : `</${name}> without an open element`);
      const element = elements.pop()!;
      builder.close(element, elements[elements.length - 1]);
      i = gt + 1;
    } else if (c === '?') {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) fail(xml, lt, 'unterminated processing instruction');
      i = close + 2;
    } else if (c === '!') {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) fail(xml, lt, 'unterminated comment');
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) fail(xml, lt, 'unterminated CDATA section');
        if (elements.length === 0) fail(xml, lt, 'CDATA outside the root element');
        builder.text(elements[elements.length - 1]!, xml.slice(lt + 9, close));
        i = close + 3;
      } else {
        fail(xml, lt, 'document type declarations are not accepted');
      }
    } else {
      NAME_END.lastIndex = lt + 1;
      const m = NAME_END.exec(xml);
      if (!m) fail(xml, lt, 'unexpected end of document in a start tag');
      const name = xml.slice(lt + 1, m.index);
      if (name === '' || /[<>"'=&]/.test(name)) fail(xml, lt, `malformed start tag "<${name}"`);
      if (elements.length === 0 && root !== undefined) fail(xml, lt, `a second root element <${name}>`);
      if (elements.length >= MAX_DEPTH) fail(xml, lt, `elements nested deeper than ${MAX_DEPTH}`);
      const { attributes, next, selfClosing } = readAttributes(xml, m.index, name);
      const parent = elements[elements.length - 1];
      const element = builder.open(name, attributes, parent);
      if (parent === undefined) root = element;
      if (selfClosing) builder.close(element, parent);
      else {
        names.push(name);
        elements.push(element);
      }
      i = next;
    }
  }
  if (names.length > 0) fail(xml, xml.length, `unexpected end of document: <${names[names.length - 1]}> is not closed`);
  if (root === undefined) fail(xml, 0, 'no root element');
  return root;
}

/** A host-chosen name must not reach an object's prototype. */
export function safeKey(key: string): string {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype')
    throw new XmlSyntaxError(`element or attribute name "${key}" is not accepted`);
  return key;
}

export interface XmlReadOptions {
  /** Prefix of attribute keys ('@_' for vim25, '@' for WS-Management). */
  attributePrefix: string;
  /** Drop namespace prefixes from element and attribute names, and drop xmlns attributes. */
  removeNsPrefix?: boolean;
  /** Element names that are always arrays, even when they occur once. */
  alwaysArray?: ReadonlySet<string>;
}

interface TreeElement {
  key: string;
  node: Record<string, XmlNode | XmlNode[]> | undefined;
  text: string;
}

function localName(name: string, remove: boolean | undefined): string {
  if (!remove) return name;
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The tree fast-xml-parser builds: an element is its text, or an object of attributes, `#text` and children by name. */
function treeBuilder(options: XmlReadOptions, document: Record<string, XmlNode | XmlNode[]>): XmlBuilder<TreeElement> {
  const attach = (parent: Record<string, XmlNode | XmlNode[]>, key: string, value: XmlNode) => {
    const existing = parent[key];
    if (existing === undefined) parent[key] = options.alwaysArray?.has(key) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[key] = [existing, value];
  };
  return {
    open(name, attributes, parent) {
      if (parent) parent.node ??= {};
      const element: TreeElement = { key: safeKey(localName(name, options.removeNsPrefix)), node: undefined, text: '' };
      for (const [attribute, value] of attributes) {
        if (options.removeNsPrefix && (attribute === 'xmlns' || attribute.startsWith('xmlns:'))) continue;
        element.node ??= {};
        // Without prefixes, type and xsi:type share a key: the later one wins, as in fast-xml-parser.
        element.node[options.attributePrefix + safeKey(localName(attribute, options.removeNsPrefix))] = value.trim();
      }
      return element;
    },
    text(element, text) {
      element.text += text;
    },
    close(element, parent) {
      let value: XmlNode = element.text;
      if (element.node) {
        if (element.text !== '') element.node['#text'] = element.text;
        value = element.node;
      }
      attach(parent ? parent.node! : document, element.key, value);
    },
  };
}

/** Parses a whole document into fast-xml-parser's tree; throws XmlSyntaxError naming the line. */
export function readXml(xml: string, options: XmlReadOptions): Record<string, XmlNode | XmlNode[]> {
  const document: Record<string, XmlNode | XmlNode[]> = {};
  walkXml(xml, treeBuilder(options, document));
  return document;
}
