import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectError } from '../../connectors/errors.js';
import { runScan } from '../../src/scan/engine.js';
import { scriptedConnector } from '../core/fake-connectors.js';
import { esxTarget, memoryLogger } from '../core/helpers.js';

/** Rejections nobody handled while a test ran: each one would crash the CLI with a raw stack and no report. */
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
});

describe('a signal at the wrong moment', () => {
  it('handles the rejection of a connector that starts after the scan was interrupted (no unhandled rejection)', async () => {
    const controller = new AbortController();
    const { logger, redactor } = memoryLogger();
    // The interrupt lands while the connector module is loading, so collect() is called with an aborted signal and
    // rejects at once: before the fix, untilAborted returned without attaching a handler to that rejection.
    const connector = scriptedConnector(async (_target, context) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new CollectError('aborted', `aborted: ${context.signal.aborted}`);
    });
    const result = await runScan({
      targets: [esxTarget('esx1')],
      concurrency: 1,
      timeoutSeconds: 30,
      retries: 0,
      connectorFor: async () => {
        controller.abort();
        return connector;
      },
      credentialsFor: (target) => ({ username: target.username, password: 'pw' }),
      logger,
      redactor,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(result.hosts).toMatchObject([{ name: 'esx1', status: 'failed', errors: [{ step: 'aborted' }] }]);
    expect(result.complete).toBe(false);
  });
});
