import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/core/config/load.js';
import { syntaxErrorOffset } from '../../src/core/config/json-syntax.js';
import { ExitError, EXIT } from '../../src/core/errors.js';
import { cli } from '../core/in-process-cli.js';

const esx = { name: 'esx01', platform: 'esxi', host: 'esx01.lab', username: 'root', passwordEnv: 'ESX01_PASSWORD' };
const ssh = {
  name: 'hv01',
  platform: 'hyperv',
  transport: 'ssh',
  host: 'hv01.lab',
  username: 'audit',
  privateKeyPath: 'id',
};
const dir = mkdtempSync(join(tmpdir(), 'hvscan-config-fuzz-'));

function configFile(text: string): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
}

/** The config error's text, or '' when the config loads. */
function loadError(text: string): string {
  try {
    loadConfig(configFile(text));
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).code).toBe(EXIT.usage);
    return (err as Error).message;
  }
}

describe('string fields', () => {
  const nul = 'a\u0000b';
  it.each([
    ['host', { targets: [{ ...esx, host: `esx01.lab${nul}` }] }, 'targets[0].host: expected no control characters'],
    [
      'username',
      { targets: [{ ...esx, username: `root${nul}` }] },
      'targets[0].username: expected no control characters',
    ],
    [
      'passwordFile',
      { targets: [{ ...esx, passwordEnv: undefined, passwordFile: `/tmp/${nul}` }] },
      'targets[0].passwordFile: expected no NUL character',
    ],
    [
      'privateKeyPath',
      { targets: [{ ...ssh, privateKeyPath: nul }] },
      'targets[0].privateKeyPath: expected no NUL character',
    ],
    [
      'knownHostsFile',
      { targets: [{ ...ssh, ssh: { knownHostsFile: nul } }] },
      'targets[0].ssh.knownHostsFile: expected no NUL character',
    ],
    ['caFile', { targets: [{ ...esx, tls: { caFile: nul } }] }, 'targets[0].tls.caFile: expected no NUL character'],
    ['output.html', { targets: [esx], output: { html: nul } }, 'output.html: expected no NUL character'],
    [
      'suppressionsFile',
      { targets: [esx], rules: { suppressionsFile: nul } },
      'rules.suppressionsFile: expected no NUL character',
    ],
    ['log.file', { targets: [esx], log: { file: nul } }, 'log.file: expected no NUL character'],
    [
      'an escape sequence in host',
      { targets: [{ ...esx, host: 'h\u001b]0;pwned\u0007' }] },
      'targets[0].host: expected no control characters',
    ],
  ])('rejects a NUL or control character in %s', (_what, raw, expected) => {
    expect(validateConfig(raw).problems).toContainEqual(expect.stringContaining(expected));
  });

  it('rejects a 10 MB name with a short message that says the limit', () => {
    const problems = validateConfig({ targets: [{ ...esx, name: 'a'.repeat(10_000_000) }] }).problems;
    expect(problems).toContainEqual(expect.stringContaining('targets[0].name: expected at most 128 characters'));
    expect(problems.join('\n').length).toBeLessThan(1000);
  });

  it.each([
    ['overflows setTimeout', 2_147_484, 'expected a number <= 86400'],
    ['races connect', 0.1, 'expected a number >= 1'],
    ['zero', 0, 'expected a number >= 1'],
  ])('rejects a timeout that %s', (_what, value, expected) => {
    expect(validateConfig({ targets: [{ ...esx, timeoutSeconds: value }] }).problems).toContainEqual(
      `targets[0].timeoutSeconds: ${expected}, got ${value}`,
    );
    expect(validateConfig({ targets: [esx], scan: { timeoutSeconds: value } }).problems).toContainEqual(
      `scan.timeoutSeconds: ${expected}, got ${value}`,
    );
  });
});

describe('JSON syntax', () => {
  it('accepts a config saved with a UTF-8 byte order mark', () => {
    expect(loadError(`\uFEFF${JSON.stringify({ targets: [esx] })}`)).toBe('');
  });

  it.each([
    ['an unexpected token', '{\n  "targets": [\n    }\n', 'line 3, column 5'],
    ['a trailing comma', '{"targets": [1,]}', 'line 1, column 16'],
    ['the end of the input', '{"targets": [\n', 'line 2, column 1'],
    ['an empty file', '', 'line 1, column 1'],
    ['a raw newline in a string', '{"a": "b\nc"}', 'line 1, column 9'],
    ['text after the value', '{}\n\nx', 'line 3, column 1'],
    ['a bad escape', '{"a": "\\x"}', 'line 1, column 9'],
    ['a leading zero', '{"a": 01}', 'line 1, column 8'],
  ])('gives line and column for %s', (_what, text, where) => {
    expect(loadError(text)).toContain(`not valid JSON (${where}: `);
  });

  it('prints no terminal control sequence from the config in the error', async () => {
    const file = configFile(JSON.stringify({ targets: [{ ...esx, platform: 'xen\u001b]0;owned\u0007\u009b2J' }] }));
    const { stderr, code } = await cli(['validate', '-c', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('targets[0].platform');
    expect(stderr).not.toMatch(/[\u001b\u0007\u009b]/);
  });

  it('never echoes the text around the error (it may be a secret typed in the wrong place)', () => {
    expect(loadError('{"targets": [{"password": hunter2}]}')).not.toContain('hunter2');
  });

  it('finds no error in valid JSON, whatever its shape', () => {
    for (const value of [{ a: [1, -2.5e3, 'x\\"\u00e9', true, false, null, {}] }, [], 'text', 0, [[[{}]]]]) {
      expect(syntaxErrorOffset(JSON.stringify(value, null, 2))).toBeUndefined();
    }
  });
});

/** Deterministic (seeded) so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('config fuzz', () => {
  it('answers 400 mutated configs with a config error (exit 2) or a config, never anything else', () => {
    const base = JSON.stringify(
      { targets: [esx, ssh], scan: { timeoutSeconds: 30 }, output: { json: 'r.json' } },
      null,
      2,
    );
    const next = random(15);
    const pieces = [
      '\u0000',
      '\uFEFF',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '\n',
      '1e999',
      '-',
      'null',
      '\u001b[2J',
      '"x"',
    ];
    for (let run = 0; run < 400; run++) {
      let text = base;
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * text.length);
        const piece = pieces[Math.floor(next() * pieces.length)]!;
        text =
          next() < 0.5
            ? text.slice(0, at) + piece + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
      }
      const message = loadError(text);
      if (message.includes('not valid JSON')) expect(message, text).toMatch(/not valid JSON \(line \d+, column \d+: /);
      expect(message.length).toBeLessThan(4000);
    }
  });
});
