import { describe, expect, it } from 'vitest';
import { HostFacts } from '../../src/core/model/index.js';
import { factsFromOlderReport } from '../../src/report/older-facts.js';
import { esxiFacts } from '../fixtures/facts.js';

describe('facts from a report an older hvscan wrote', () => {
  it('a fact the older model lacked becomes unknown with the reason; a field today has no more is dropped', () => {
    const today = esxiFacts();
    const older = structuredClone(today) as Record<string, unknown> & { esxi: Record<string, unknown> };
    delete (older as Record<string, unknown>).vms;
    older.esxi.retiredField = 42;
    const read = factsFromOlderReport(older)!;
    expect(HostFacts.safeParse(read).success).toBe(true);
    expect(read.vms).toMatchObject({ unknown: true, reason: expect.stringContaining('an older hvscan wrote it') });
    expect((read as { esxi: object }).esxi).not.toHaveProperty('retiredField');
    expect(read.product).toEqual(today.product);
  });

  it('a required field that cannot be unknown, up to the top, refuses the document rather than inventing it', () => {
    const older = structuredClone(esxiFacts()) as unknown as { identity: Record<string, unknown> };
    delete older.identity.name;
    expect(factsFromOlderReport(older)).toBeNull();
    expect(factsFromOlderReport('not facts')).toBeNull();
    expect(factsFromOlderReport({ platform: 'vax' })).toBeNull();
  });
});
