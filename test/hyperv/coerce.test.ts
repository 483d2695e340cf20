import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bool, ENUMS, enumName, list, num, str, unwrapQuirks } from '../../connectors/hyperv/collector/coerce.js';

/** The PowerShell 4/5.1 vs 7 JSON differences (reference hyperv-collection.md §2) and how they are undone. */
describe('unwrapQuirks', () => {
  it('unwraps the Windows PowerShell {"value": [...], "Count": n} array wrapper, also nested', () => {
    expect(unwrapQuirks({ a: { value: [1, { value: ['x'], Count: 1 }], Count: 2 } })).toEqual({ a: [1, ['x']] });
  });

  it('keeps objects that only look similar', () => {
    expect(unwrapQuirks({ value: 'x', Count: 1 })).toEqual({ value: 'x', Count: 1 });
    expect(unwrapQuirks({ value: [1], Count: 1, extra: true })).toEqual({ value: [1], Count: 1, extra: true });
  });

  it('turns JavaScriptSerializer dates into ISO-8601 UTC, with or without an offset suffix', () => {
    expect(unwrapQuirks(JSON.parse('{"d":"\\/Date(1326441600000)\\/"}'))).toEqual({ d: '2012-01-13T08:00:00.000Z' });
    expect(unwrapQuirks('/Date(-1000+0100)/')).toBe('1969-12-31T23:59:59.000Z');
    expect(unwrapQuirks('see /Date(1)/ later')).toBe('see /Date(1)/ later');
  });
});

describe('tolerant readers', () => {
  it('read strings, numbers and booleans in the forms PowerShell produces', () => {
    expect(str.parse(5)).toBe('5');
    expect(num.parse('5985')).toBe(5985);
    expect(num.safeParse('five').success).toBe(false);
    expect([bool.parse('True'), bool.parse('false'), bool.parse(1), bool.parse(0), bool.parse(null)]).toEqual([
      true,
      false,
      true,
      false,
      null,
    ]);
    expect(bool.safeParse('yes').success).toBe(false);
  });

  it('read a single unwrapped element or null as an array', () => {
    const strings = list(z.string());
    expect(strings.parse('a')).toEqual(['a']);
    expect(strings.parse(null)).toEqual([]);
    expect(strings.parse(['a', 'b'])).toEqual(['a', 'b']);
    expect(strings.safeParse([1]).success).toBe(false);
  });

  it('name integer enums and keep unknown integers visible', () => {
    const vmState = enumName(ENUMS.vmState);
    expect(vmState.parse(2)).toBe('Running');
    expect(vmState.parse('Off')).toBe('Off');
    expect(vmState.parse(99)).toBe('99');
  });
});
