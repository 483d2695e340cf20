import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redact.js';

describe('Redactor with one secret per host', () => {
  it('finds each of 2000 secrets, including ones sharing a four-character prefix, and leaves clean data uncopied', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 2000 }, (_, i) => `pw-${i.toString(36)}-${'x'.repeat(i % 7)}`);
    for (const s of secrets) redactor.addSecret(s);
    // Same low bytes of the first four characters ("pw-" + a char 256 apart): a window-key collision must still match exactly.
    redactor.addSecret('pw-\u0161secret');
    for (const s of [secrets[0]!, secrets[1234]!, secrets[1999]!, 'pw-\u0161secret']) {
      expect(redactor.known(`before ${s} after`)).toBe(`before ${REDACTED} after`);
      expect(redactor.knownDeep({ nested: [{ text: `x${s}` }] })).toEqual({ nested: [{ text: `x${REDACTED}` }] });
    }
    expect(redactor.known('pw-asecret')).toBe('pw-asecret');
    const clean = { name: 'esx01', options: ['pw-', 'p', 'pw-zzzzzz'] };
    expect(redactor.knownDeep(clean)).toBe(clean);
    // A secret added later is found too (the index is rebuilt).
    redactor.addSecret('late-secret');
    expect(redactor.known('a late-secret b')).toBe(`a ${REDACTED} b`);
  });
});
