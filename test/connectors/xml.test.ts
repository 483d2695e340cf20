import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readXml, XmlSyntaxError, type XmlReadOptions } from '../../connectors/xml.js';
import { envelope } from '../../connectors/esxi/vim25/soap/xml.js';

/** fast-xml-parser is the oracle: readXml must build the tree it builds with the connectors' options. */
function oracle(xml: string, options: XmlReadOptions): unknown {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: options.attributePrefix,
    removeNSPrefix: options.removeNsPrefix ?? false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => options.alwaysArray?.has(name) ?? false,
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  delete doc['?xml'];
  return doc;
}

const VIM: XmlReadOptions = { attributePrefix: '@_' };
const WSMAN: XmlReadOptions = {
  attributePrefix: '@',
  removeNsPrefix: true,
  alwaysArray: new Set(['Stream', 'Selector']),
};

/** A deterministic generator of SOAP-like documents: prefixes, attributes, repeats, entities, CDATA, comments. */
function randomDocument(seed: number): string {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const names = ['a', 'b', 's:Body', 'rsp:Stream', 'Selector', 'val', 'x:obj', 'DataObject'];
  // No numeric references: fast-xml-parser 5 leaves them undecoded, readXml decodes them (tested below).
  const texts = ['', 'plain', ' padded ', 'a &amp; b', '&lt;tag&gt;', 'q&quot;&apos;', 'ünïcødé', '42'];
  const element = (depth: number): string => {
    const name = names[next(names.length)]!;
    const attrs = Array.from(
      { length: next(3) },
      (_, k) => ` ${['type', 'xsi:type', 'Name', 'xmlns:x'][k]}="${texts[next(texts.length)]!}"`,
    ).join('');
    if (next(5) === 0) return `<${name}${attrs}/>`;
    const kids =
      depth < 4 && next(2) === 0
        ? Array.from({ length: 1 + next(4) }, () => element(depth + 1)).join(next(2) ? '\n  ' : '')
        : '';
    const body = kids || (next(6) === 0 ? `<![CDATA[${texts[next(texts.length)]}]]>` : texts[next(texts.length)]!);
    const comment = next(8) === 0 ? '<!-- note -->' : '';
    return `<${name}${attrs}>${comment}${body}</${name}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns:s="urn:s">${element(0)}${element(0)}</root>\n`;
}

describe('readXml', () => {
  it('builds the tree fast-xml-parser builds, for vim25 and WS-Management options', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const xml = randomDocument(seed);
      expect(readXml(xml, VIM), xml).toEqual(oracle(xml, VIM));
      expect(readXml(xml, WSMAN), xml).toEqual(oracle(xml, WSMAN));
    }
  });

  it.each(['<a> x <b/> y </a>', '<a> x <![CDATA[ y ]]> z </a>', '<a> <![CDATA[ y ]]> </a>', '<a><![CDATA[]]></a>'])(
    'trims text runs and keeps CDATA like the oracle: %j',
    (xml) => {
      expect(readXml(xml, VIM)).toEqual(oracle(xml, VIM));
    },
  );

  it('reads a vim25 request envelope like the oracle', () => {
    const xml = envelope(
      'RetrievePropertiesEx',
      { _type: 'ManagedObjectReference', type: 'PropertyCollector', value: 'ha-property-collector' },
      { options: { maxObjects: 100 } },
    );
    expect(readXml(xml, VIM)).toEqual(oracle(xml, VIM));
  });

  it('rejects every truncation of a document', () => {
    const xml =
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Body a="1"><v>x &amp; y</v><![CDATA[c]]><e/></s:Body></s:Envelope>';
    const rootEnd = xml.length;
    for (let cut = 0; cut < rootEnd; cut++) {
      expect(() => readXml(xml.slice(0, cut), VIM), `cut at ${cut}`).toThrow(XmlSyntaxError);
    }
    expect(readXml(xml, VIM)).toEqual(oracle(xml, VIM));
  });

  it.each([
    ['<a><b></a></b>', /<\/a> closes <b>/],
    ['<a></a><b></b>', /second root element <b>/],
    ['<a x="1" x="2"/>', /duplicate attribute x/],
    ['<a x=1/>', /attribute x of <a> is not quoted/],
    ['<a>&nbsp;</a>', /unknown entity "&nbsp;"/],
    // A name Object.prototype holds is no entity (it decoded to the text of a function before).
    ['<a>&toString;</a>', /unknown entity "&toString;"/],
    ['<a x="&valueOf;"/>', /unknown entity "&valueOf;"/],
    ['<a>&amp</a>', /unterminated entity reference/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /document type declarations are not accepted/],
    ['text<a/>', /text outside the root element/],
    ['<a>\n<b>\n</c></a>', /<\/c> closes <b> \(line 3\)/],
    ['<__proto__><x>1</x></__proto__>', /"__proto__" is not accepted/],
    ['', /no root element/],
    ['<a x="<"/>', /"<" in attribute x/],
  ])('refuses %j', (xml, message) => {
    expect(() => readXml(xml, VIM)).toThrow(message);
  });

  it('decodes entities between runs of text, and text with none', () => {
    expect(readXml('<a n="x&lt;y&amp;z">&lt;obj&gt;1 &amp; 2&lt;/obj&gt;tail</a>', VIM)).toEqual({
      a: { '@_n': 'x<y&z', '#text': '<obj>1 & 2</obj>tail' },
    });
    expect(readXml('<a>plain</a>', VIM)).toEqual({ a: 'plain' });
  });

  it('decodes numeric character references in text and attributes', () => {
    expect(readXml('<a n="&#65;&#x42;">&#x1F600;&#10;x</a>', VIM)).toEqual({
      a: { '@_n': 'AB', '#text': '\u{1F600}\nx' },
    });
  });

  it('does not let a host-chosen attribute name reach the prototype', () => {
    expect(() => readXml('<a __proto__="x"/>', { attributePrefix: '' })).toThrow(/not accepted/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
