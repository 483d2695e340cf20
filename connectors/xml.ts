/**
 * A strict, single-pass XML reader for the SOAP replies the connectors receive (vim25, esxcli, WS-Management).
 *
 * It builds the same tree fast-xml-parser does with `parseTagValue: false, trimValues: true` (an element is its text,
 * or an object of attributes (trimmed, like its text) under a prefix, `#text` and children by name, repeated names as arrays), and it checks
 * well-formedness in the same pass: tags must nest and close, exactly one root, attributes quoted and unique, only
 * the five predefined and numeric entities. Validating first and then parsing (fast-xml-parser's XMLValidator + parse)
 * walked every reply twice and was most of the connectors' CPU at scale (docs/benchmarks.md). Document type
 * declarations are refused: no entity expansion, no external resources.
 */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

export interface XmlReadOptions {
  /** Prefix of attribute keys ('@_' for vim25, '@' for WS-Management). */
  attributePrefix: string;
  /** Drop namespace prefixes from element and attribute names, and drop xmlns attributes. */
  removeNsPrefix?: boolean;
  /** Element names that are always arrays, even when they occur once. */
  alwaysArray?: ReadonlySet<string>;
}

export class XmlSyntaxError extends Error {}

const MAX_DEPTH = 512;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_END = /[\s/>]/g;
const NOT_SPACE = /\S/g;

interface Frame {
  name: string;
  node: Record<string, XmlNode | XmlNode[]> | undefined;
  text: string;
}

function lineOf(xml: string, index: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i >= 0 && i < index; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

function fail(xml: string, index: number, message: string): never {
  throw new XmlSyntaxError(`${message} (line ${lineOf(xml, index)})`);
}

function decodeEntities(xml: string, raw: string, at: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s<]{0,10});?/g, (match, name: string) => {
    if (!match.endsWith(';')) fail(xml, at, `unterminated entity reference "${match}"`);
    if (name in PREDEFINED) return PREDEFINED[name]!;
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? parseInt(name.slice(1), 10) : NaN;
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) fail(xml, at, `unknown entity "&${name};"`);
    return String.fromCodePoint(code);
  });
}

function localName(name: string, remove: boolean | undefined): string {
  if (!remove) return name;
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function checkKey(xml: string, at: number, key: string): string {
  // A host-chosen name must not reach an object's prototype.
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') fail(xml, at, `element or attribute name "${key}" is not accepted`);
  return key;
}

function attach(parent: Record<string, XmlNode | XmlNode[]>, key: string, value: XmlNode, alwaysArray: ReadonlySet<string> | undefined): void {
  const existing = parent[key];
  if (existing === undefined) parent[key] = alwaysArray?.has(key) ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[key] = [existing, value];
}

function valueOf(frame: Frame): XmlNode {
  const text = frame.text;
  if (!frame.node) return text;
  if (text !== '') frame.node['#text'] = text;
  return frame.node;
}

/** Reads the attributes of a start tag from `i` to its end; returns the index after `>` and whether it self-closed. */
function readAttributes(xml: string, i: number, frame: Frame, options: XmlReadOptions): { next: number; selfClosing: boolean } {
  const seen: string[] = [];
  for (;;) {
    NOT_SPACE.lastIndex = i;
    const m = NOT_SPACE.exec(xml);
    if (!m) fail(xml, i, `unexpected end of document inside <${frame.name}>`);
    i = m.index;
    const c = xml[i];
    if (c === '>') return { next: i + 1, selfClosing: false };
    if (c === '/') {
      if (xml[i + 1] !== '>') fail(xml, i, `expected "/>" in <${frame.name}>`);
      return { next: i + 2, selfClosing: true };
    }
    const eq = xml.indexOf('=', i);
    if (eq < 0) fail(xml, i, `attribute without a value in <${frame.name}>`);
    const name = xml.slice(i, eq).trimEnd();
    if (name === '' || /[\s<>"'/]/.test(name)) fail(xml, i, `malformed attribute in <${frame.name}>`);
    let q = eq + 1;
    while (q < xml.length && /\s/.test(xml[q]!)) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") fail(xml, q, `attribute ${name} of <${frame.name}> is not quoted`);
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) fail(xml, q, `unterminated attribute ${name} of <${frame.name}>`);
    const raw = xml.slice(q + 1, close);
    if (raw.includes('<')) fail(xml, q, `"<" in attribute ${name} of <${frame.name}>`);
    i = close + 1;
    if (seen.includes(name)) fail(xml, i, `duplicate attribute ${name} in <${frame.name}>`);
    seen.push(name);
    if (options.removeNsPrefix && (name === 'xmlns' || name.startsWith('xmlns:'))) continue;
    const key = options.attributePrefix + checkKey(xml, i, localName(name, options.removeNsPrefix));
    // Without prefixes, type and xsi:type share a key: the later one wins, as in fast-xml-parser.
    frame.node ??= {};
    frame.node[key] = decodeEntities(xml, raw, q).trim();
  }
}

/** Parses a whole document; throws XmlSyntaxError naming the line for anything not well-formed (a truncated reply). */
export function readXml(xml: string, options: XmlReadOptions): Record<string, XmlNode | XmlNode[]> {
  const document: Record<string, XmlNode | XmlNode[]> = {};
  const stack: Frame[] = [];
  let roots = 0;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    if (end > i) {
      const top = stack[stack.length - 1];
      const raw = xml.slice(i, end);
      // Each text run is trimmed on its own and CDATA is kept as is, as fast-xml-parser does.
      if (top) top.text += decodeEntities(xml, raw, i).trim();
      else if (raw.trim() !== '') fail(xml, i, 'text outside the root element');
    }
    if (lt < 0) break;
    const c = xml[lt + 1];
    if (c === '/') {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) fail(xml, lt, 'unexpected end of document in a closing tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      const frame = stack.pop();
      if (!frame || frame.name !== name) fail(xml, lt, frame ? `</${name}> closes <${frame.name}>` : `</${name}> without an open element`);
      attach(stack.length ? stack[stack.length - 1]!.node! : document, checkKey(xml, lt, localName(name, options.removeNsPrefix)), valueOf(frame), options.alwaysArray);
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
        const top = stack[stack.length - 1];
        if (!top) fail(xml, lt, 'CDATA outside the root element');
        top.text += xml.slice(lt + 9, close);
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
      if (stack.length === 0 && roots++ > 0) fail(xml, lt, `a second root element <${name}>`);
      if (stack.length >= MAX_DEPTH) fail(xml, lt, `elements nested deeper than ${MAX_DEPTH}`);
      const frame: Frame = { name, node: undefined, text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.node ??= {};
      const { next, selfClosing } = readAttributes(xml, m.index, frame, options);
      if (selfClosing) attach(parent ? parent.node! : document, checkKey(xml, lt, localName(name, options.removeNsPrefix)), valueOf(frame), options.alwaysArray);
      else stack.push(frame);
      i = next;
    }
  }
  if (stack.length > 0) fail(xml, xml.length, `unexpected end of document: <${stack[stack.length - 1]!.name}> is not closed`);
  if (roots === 0) fail(xml, 0, 'no root element');
  return document;
}
