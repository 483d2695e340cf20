import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CollectError } from '../../src/core/connector/errors.js';
import { MAX_QUOTED_CHARS } from '../../src/core/log/host-text.js';
import { runScan } from '../../src/scan/engine.js';
import { ScanEvents } from '../../src/scan/events.js';
import { attachProgress } from '../../src/scan/progress.js';
import { esxiFacts } from '../fixtures/facts.js';
import { scriptedConnector } from '../core/fake-connectors.js';
import { esxTarget, memoryLogger } from '../core/helpers.js';

/** What the issue saw on a TTY: clear the screen, set the window title, print a fake green "done", rewrite the line. */
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\u001b[32mdone\u001b[0m\r\u009b31m\u202eevil';
/** Characters that act on a terminal; our own codes (colour, clear line) are removed from progress text first. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
}

async function scanOf(behave: Parameters<typeof scriptedConnector>[0]) {
  let terminal = '';
  const events = new ScanEvents();
  const progress = attachProgress(
    events,
    new Writable({
      write(chunk, _enc, done) {
        terminal += String(chunk);
        done();
      },
    }),
  );
  const { logger, lines } = memoryLogger();
  const result = await runScan({
    targets: [esxTarget('esx1')],
    concurrency: 1,
    timeoutSeconds: 30,
    retries: 0,
    connectorFor: async () => scriptedConnector(behave),
    credentialsFor: (target) => ({ username: target.username, password: 'pw-secret-1' }),
    logger,
    events,
  });
  progress.stop();
  // Our own sequences (colour, clear line) are removed; whatever acts on the terminal after that came from the host.
  return {
    host: result.hosts[0]!,
    terminal: terminal.replace(/\u001b\[\d*m|\r\u001b\[2K/g, ''),
    logged: lines.join(''),
  };
}

describe('text from hosts', () => {
  it('caps 20 MB of stderr in the error, the log and the terminal, saying its length', async () => {
    const stderr = `${HOSTILE}${'E'.repeat(20_000_000)}`;
    const { host, terminal, logged } = await scanOf(async () => {
      throw new CollectError('collect', `collector failed: ${stderr}`);
    });
    const message = host.errors[0]!.message;
    expect(message.length).toBeLessThan(MAX_QUOTED_CHARS + 500);
    expect(message).toContain(
      `[cut: ${'collector failed: '.length + stderr.length} characters in all, first ${MAX_QUOTED_CHARS} shown]`,
    );
    expect(terminal.length).toBeLessThan(MAX_QUOTED_CHARS + 1000);
    expect(logged.length).toBeLessThan(64 * 1024);
    for (const text of [message, terminal, logged]) expect(text).not.toMatch(ACTIVE);
    expect(message).toContain('\\u001b]0;owned\\u0007');
  });

  it('escapes control characters in the facts and partial errors a host returns, before any log, report or terminal', async () => {
    const facts = esxiFacts({
      identity: { name: `esx1${HOSTILE}` },
      collection: {
        errors: [{ step: 'collect', section: 'firewall', message: `denied ${HOSTILE} ${'x'.repeat(100_000)}` }],
      },
    });
    const { host, terminal, logged } = await scanOf(async () => [facts]);
    expect(host.status).toBe('partial');
    expect(host.name).not.toMatch(ACTIVE);
    expect(host.name).toContain('\\u001b[2J');
    expect(strings(host.facts).filter((text) => ACTIVE.test(text))).toEqual([]);
    expect(host.errors[0]!.message.length).toBeLessThan(MAX_QUOTED_CHARS + 500);
    expect(host.facts!.collection.errors[0]!.message).toBe(host.errors[0]!.message);
    for (const text of [host.errors[0]!.message, terminal, logged]) expect(text).not.toMatch(ACTIVE);
  });

  it('keeps secrets out even when the cut would fall inside one (redaction runs before the cap)', async () => {
    const { host } = await scanOf(async () => {
      throw new CollectError('auth', `${'a'.repeat(MAX_QUOTED_CHARS - 4)}pw-secret-1 rejected`);
    });
    expect(host.errors[0]!.message).not.toContain('pw-s');
  });
});
