import { describe, expect, it } from 'vitest';
import { isVimFault, VimFault } from '../../connectors/esxi/vim25/fault.js';
import { decodeDocument, encodeElement, envelope, parseXml } from '../../connectors/esxi/vim25/soap/xml.js';
import { fromJson, toJson } from '../../connectors/esxi/vim25/vijson/codec.js';
import { viJsonRelease } from '../../connectors/esxi/vim25/vijson/client.js';
import { moRef } from '../../connectors/esxi/vim25/value.js';

/** Decodes `<val …>` as it sits in a response whose envelope declares the given namespaces. */
function decodeVal(
  xml: string,
  declarations = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
) {
  return (decodeDocument(`<root ${declarations}>${xml}</root>`).value as Record<string, unknown>).val;
}

describe('vim25 SOAP wire format', () => {
  it('resolves xsi:type by namespace, whatever the prefix (vcsim writes XMLSchema-instance:type)', () => {
    const value = decodeVal(
      '<val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="AboutInfo"><version>6.5.0</version></val>',
      '',
    );
    expect(value).toEqual({ _type: 'AboutInfo', version: '6.5.0' });
  });

  it('does not take a foreign "type" attribute for xsi:type', () => {
    const value = decodeVal('<val xmlns:other="urn:other" other:type="Nope"><a>1</a></val>', '');
    expect(value).toEqual({ a: '1' });
  });

  it('keeps signed CPUID levels as numbers and arrays from ArrayOf… wrappers', () => {
    const value = decodeVal(
      '<val xsi:type="ArrayOfHostCpuIdInfo"><HostCpuIdInfo xsi:type="HostCpuIdInfo"><level xsi:type="xsd:int">-2147483647</level>' +
        '<ecx>0000:0000:0000:0000:0000:0000:0000:0100</ecx></HostCpuIdInfo></val>',
    );
    expect(value).toEqual([
      { _type: 'HostCpuIdInfo', level: -2147483647, ecx: '0000:0000:0000:0000:0000:0000:0000:0100' },
    ]);
    expect((-2147483647 >>> 0).toString(16)).toBe('80000001');
  });

  it('reads enums as text, typed booleans and numbers, MoRefs and repeated elements', () => {
    expect(decodeVal('<val xsi:type="HostLockdownMode">lockdownNormal</val>')).toBe('lockdownNormal');
    expect(decodeVal('<val xsi:type="xsd:boolean">false</val>')).toBe(false);
    expect(decodeVal('<val xsi:type="xsd:long">900</val>')).toBe(900);
    expect(decodeVal('<val type="HostSystem">host-42</val>')).toEqual(moRef('HostSystem', 'host-42'));
    expect(decodeVal('<val><s>a</s><s>b</s><t>c</t></val>')).toEqual({ s: ['a', 'b'], t: 'c' });
    expect(decodeVal('<val xsi:type="ArrayOfString"/>')).toEqual([]);
  });

  it('writes WSDL-ordered parameters, MoRefs as type attributes and xsi:type only where the slot is polymorphic', () => {
    const xml = envelope('RetrievePropertiesEx', moRef('PropertyCollector', 'ha-property-collector'), {
      specSet: {
        _type: 'PropertyFilterSpec',
        propSet: { _type: 'PropertySpec', type: 'HostSystem', pathSet: ['name', 'a&b'] },
        objectSet: {
          _type: 'ObjectSpec',
          obj: moRef('Folder', 'root'),
          selectSet: [{ _type: 'TraversalSpec', name: 'x' }],
        },
      },
    });
    expect(xml).toContain(
      '<RetrievePropertiesEx xmlns="urn:vim25"><_this type="PropertyCollector">ha-property-collector</_this>',
    );
    expect(xml).toContain(
      '<propSet><type>HostSystem</type><pathSet>name</pathSet><pathSet>a&amp;b</pathSet></propSet>',
    );
    expect(xml).toContain(
      '<obj type="Folder">root</obj><selectSet xsi:type="TraversalSpec"><name>x</name></selectSet>',
    );
    expect(encodeElement('n', undefined)).toBe('');
  });

  it('refuses document type declarations (entity expansion)', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toThrow(/document type/);
  });
});

describe('vim25 faults', () => {
  it('finds a fault through wrapped errors and a nested faultCause', () => {
    const fault = new VimFault('SystemError', 'boom', {
      _type: 'SystemError',
      faultCause: { _type: 'NotAuthenticated' },
    });
    const wrapped = new Error('outer', { cause: fault });
    expect(isVimFault(wrapped, 'SystemError')).toBe(true);
    expect(isVimFault(wrapped, 'NotAuthenticated')).toBe(true);
    expect(isVimFault(wrapped, 'InvalidLogin')).toBe(false);
    expect(isVimFault(new Error('plain'), 'SystemError')).toBe(false);
  });
});

describe('VI/JSON codec and release detection', () => {
  it('tags every object with _typeName and unwraps boxed values', () => {
    expect(toJson({ _type: 'PropertySpec', type: 'HostSystem', pathSet: ['name'], all: undefined })).toEqual({
      _typeName: 'PropertySpec',
      type: 'HostSystem',
      pathSet: ['name'],
    });
    expect(
      fromJson({ _typeName: 'DynamicProperty', name: 'x', val: { _typeName: 'ArrayOfString', _value: ['a'] } }),
    ).toEqual({ _type: 'DynamicProperty', name: 'x', val: ['a'] });
    expect(fromJson({ _typeName: 'boolean', _value: true })).toBe(true);
  });

  it('offers VI/JSON releases only from 8.0.1', () => {
    expect(viJsonRelease('8.0.3.0')).toBe('8.0.3.0');
    expect(viJsonRelease('8.0.1')).toBe('8.0.1.0');
    expect(viJsonRelease('8.0.0.1')).toBeUndefined();
    expect(viJsonRelease('7.0.3.0')).toBeUndefined();
    expect(viJsonRelease('9.0.0.0')).toBe('9.0.0.0');
    expect(viJsonRelease(undefined)).toBeUndefined();
  });
});
