import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * nock for one describe block: no real connection leaves the process, every mock a test set up must have been
 * used, and nock is restored afterwards so other files see the real network stack.
 */
export function useNockOffline(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
