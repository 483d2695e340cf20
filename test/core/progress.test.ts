import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/scan/engine.js';
import { ScanEvents } from '../../src/scan/events.js';
import { attachProgress, elapsed } from '../../src/scan/progress.js';
import { CollectError } from '../../src/core/connector/errors.js';
import { esxiFacts } from '../fixtures/facts.js';
import { scriptedConnector } from './fake-connectors.js';
import { esxTarget, memoryLogger } from './helpers.js';

const CLEAR = '\r\u001b[2K';

describe('terminal progress', () => {
  it('rewrites one counter line in place, keeps log lines above it and clears it when stopped', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    const events = new ScanEvents();
    const progress = attachProgress(events, stream);
    const { logger, redactor } = memoryLogger();
    await runScan({
      targets: [esxTarget('esx-ok'), esxTarget('esx-down'), esxTarget('esx-3')],
      concurrency: 1,
      timeoutSeconds: 10,
      retries: 0,
      connectorFor: async () =>
        scriptedConnector(async (target, ctx) => {
          if (target.name === 'esx-down') {
            progress.above.write('a log line\n');
            throw new CollectError('connect', 'connect ECONNREFUSED 10.0.0.5:443');
          }
          ctx.progress?.('collecting');
          return [esxiFacts()];
        }),
      credentialsFor: () => ({ username: 'root', password: 'pw-1234' }),
      logger,
      redactor,
      events,
    });
    progress.stop();
    // No newline but the log line's: every state change redraws the same line.
    expect(text.split('\n')).toHaveLength(2);
    const frames = text.split(CLEAR).filter(Boolean);
    expect(frames[0]).toBe('scanning 0/3 targets done, 1 running  0:00');
    expect(frames).toContain('scanning 1/3 targets done, 0 running  0:00');
    // The log line is written on a cleared line, then the counter comes back below it.
    expect(text).toContain(`${CLEAR}a log line\n${CLEAR}scanning 1/3 targets done, 1 running  0:00`);
    expect(frames).toContain('scanning 2/3 targets done, 0 running, 1 failed  0:00');
    expect(frames.at(-1)).toBe('scanning 3/3 targets done, 0 running, 1 failed  0:00');
    expect(text.endsWith(CLEAR)).toBe(true);
  });

  it('formats elapsed time as m:ss and h:mm:ss', () => {
    expect(elapsed(7_400)).toBe('0:07');
    expect(elapsed(65_000)).toBe('1:05');
    expect(elapsed(3_723_000)).toBe('1:02:03');
  });
});
