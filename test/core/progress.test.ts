import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/engine.js';
import { ScanEvents } from '../../src/scan/events.js';
import { attachProgress } from '../../src/scan/progress.js';
import { CollectError } from '../../connectors/errors.js';
import { esxiFacts } from '../fixtures/facts.js';
import { scriptedConnector } from './fake-connectors.js';
import { esxTarget, memoryLogger } from './helpers.js';

describe('terminal progress', () => {
  it('prints one line per state change with the elapsed time and the failing step', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    const events = new ScanEvents();
    attachProgress(events, stream);
    const { logger, redactor } = memoryLogger();
    await runScan({
      targets: [esxTarget('esx-ok'), esxTarget('esx-down')],
      concurrency: 1,
      timeoutSeconds: 10,
      retries: 0,
      connectorFor: async () =>
        scriptedConnector(async (target, ctx) => {
          if (target.name === 'esx-down') throw new CollectError('connect', 'connect ECONNREFUSED 10.0.0.5:443');
          ctx.progress?.('collecting');
          return [esxiFacts()];
        }),
      credentialsFor: () => ({ username: 'root', password: 'pw-1234' }),
      logger,
      redactor,
      events,
    });
    const lines = text.trimEnd().split('\n').map((line) => line.replace(/\u001b\[\d+m/g, '').replace(/\d+\.\ds/, 'N.Ns'));
    expect(lines).toEqual([
      // Names are padded to the longest target name so the columns line up.
      expect.stringMatching(/^ {2}esx-ok {4}connecting +N\.Ns$/),
      expect.stringMatching(/^ {2}esx-ok {4}collecting +N\.Ns$/),
      expect.stringMatching(/^ {2}esx-ok {4}done +N\.Ns {2}1 host\(s\)$/),
      expect.stringMatching(/^ {2}esx-down {2}connecting +N\.Ns$/),
      expect.stringMatching(/^ {2}esx-down {2}failed +N\.Ns {2}connect: connect ECONNREFUSED 10\.0\.0\.5:443$/),
    ]);
  });
});
