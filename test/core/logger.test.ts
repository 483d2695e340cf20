import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closeLogger, createLogger } from '../../src/core/log/logger.js';
import { Redactor } from '../../src/core/log/redact.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('logger', () => {
  it('writes JSON lines with the host of a child logger, and the same lines to --log-file', async () => {
    const { stream, lines } = sink();
    const file = join(mkdtempSync(join(tmpdir(), 'hvscan-log-')), 'hvscan.log');
    const logger = createLogger({ level: 'debug', stream, file, redact: new Redactor() });
    logger.child({ host: 'esx01' }).info('connecting', { step: 'connect' });
    logger.debug('detail');
    await closeLogger(logger);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'connecting',
        host: 'esx01',
        step: 'connect',
        timestamp: expect.any(String),
      }),
      expect.objectContaining({ level: 'debug', message: 'detail' }),
    ]);
    const fromFile = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(fromFile.map((l) => l.message)).toEqual(['connecting', 'detail']);
  });

  it('writes human lines on a terminal, honours the level, and redacts there too', async () => {
    const { stream, lines } = sink();
    const redact = new Redactor();
    redact.addSecret('tty-secret-99');
    const logger = createLogger({ level: 'info', human: true, stream, redact });
    logger.child({ host: 'hv01' }).warn('login refused for tty-secret-99');
    logger.debug('not shown');
    await closeLogger(logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/\u001b\[\d+m/g, '')).toMatch(
      /^\d\d:\d\d:\d\d warn \[hv01\] login refused for \[REDACTED\]$/,
    );
  });

  it('drops entries below the level before redacting them', async () => {
    const { stream, lines } = sink();
    const redact = new Redactor();
    const redacted: unknown[] = [];
    const value = redact.value.bind(redact);
    redact.value = (v) => (redacted.push((v as { message?: unknown } | null)?.message), value(v));
    const logger = createLogger({ level: 'warn', stream, redact });
    for (let i = 0; i < 50; i++) logger.child({ host: 'esx01' }).debug(`detail ${i}`);
    logger.info('not shown either');
    logger.warn('shown');
    await closeLogger(logger);
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['shown']);
    expect(redacted.filter((m) => m !== undefined)).toEqual(['shown']);
  });

  it('logs an Error with its message and stack, redacted', async () => {
    const { stream, lines } = sink();
    const redact = new Redactor();
    redact.addSecret('err-secret-42');
    const logger = createLogger({ level: 'info', stream, redact });
    logger.error(new Error('auth failed with err-secret-42'));
    await closeLogger(logger);
    const entry = JSON.parse(lines[0]!) as { message: string; stack: string };
    expect(entry.message).toBe('auth failed with [REDACTED]');
    expect(entry.stack).toContain('auth failed with [REDACTED]');
    expect(lines[0]).not.toContain('err-secret-42');
  });
});
