import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../src/core/log/redact.js';
import { expectValidReport } from './helpers.js';
import { runTs } from './run-cli.js';

const PASSWORD = 'Pa55-w0rd!esx';
const WINRM_PASSWORD = 'Winrm#Secret42';
const PASSPHRASE = 'key-passphrase-77';
const SOAP_SESSION = '52a1b9c4e7f3d2a8b6c0e1f4a3d5b7c9e2f1a0b8';
const API_SESSION = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const NTLM_TOKEN = 'TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==';

describe('redaction', () => {
  it('keeps every secret out of a debug-level run: console, log file and report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-redact-'));
    // A real key (the scan parses it before connecting), encrypted with the passphrase the target names.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-C', '', '-f', join(dir, 'id_ed25519')]);
    const keyBody = readFileSync(join(dir, 'id_ed25519'), 'utf8').split('\n')[2]!;
    writeFileSync(join(dir, 'winrm.pw'), `${WINRM_PASSWORD}\n`);
    const config = {
      targets: [
        { name: 'esx-leak', platform: 'esxi', host: 'leak.lab', username: 'root', passwordEnv: 'ESX_PW' },
        {
          name: 'hv-leak',
          platform: 'hyperv',
          transport: 'ssh',
          host: 'leak-hv.lab',
          username: 'audit',
          privateKeyPath: 'id_ed25519',
          passphraseEnv: 'KEY_PP',
          ssh: { hostKeyFingerprint: `SHA256:${'A'.repeat(43)}` },
        },
        {
          name: 'hv-winrm',
          platform: 'hyperv',
          transport: 'winrm',
          host: 'leak-winrm.lab',
          username: 'a',
          passwordFile: 'winrm.pw',
          winrm: { https: true, auth: 'ntlm' },
        },
        { name: 'esx-echo', platform: 'esxi', host: 'echo.lab', username: 'root', passwordEnv: 'ESX_PW' },
      ],
      scan: { retries: 0 },
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const report = join(dir, 'report.json');
    const logFile = join(dir, 'hvscan.log');
    const result = await runTs(
      [
        '--log-level',
        'debug',
        '--log-file',
        logFile,
        'scan',
        '-c',
        join(dir, 'config.json'),
        '-o',
        report,
        '--fail-on',
        'none',
      ],
      {
        entry: 'test/core/fake-cli.ts',
        env: {
          ESX_PW: PASSWORD,
          KEY_PP: PASSPHRASE,
          LEAK_SOAP_SESSION: SOAP_SESSION,
          LEAK_API_SESSION: API_SESSION,
          LEAK_NTLM_TOKEN: NTLM_TOKEN,
        },
      },
    );
    expect(result.code).toBe(4);
    const written = readFileSync(report, 'utf8');
    const logged = readFileSync(logFile, 'utf8');
    // The run really did exercise the leaks: debug lines were logged and the auth errors reached the report.
    expect(logged).toContain('login with');
    expect(logged).toContain(REDACTED);
    const parsed = expectValidReport(JSON.parse(written));
    expect(parsed.hosts.find((h) => h.name === 'esx-leak')?.errors[0]).toMatchObject({
      step: 'auth',
      message: expect.stringContaining('login failed'),
    });
    expect(parsed.hosts.find((h) => h.name === 'esx-echo')?.status).toBe('partial');

    const secrets = [
      PASSWORD,
      WINRM_PASSWORD,
      PASSPHRASE,
      SOAP_SESSION,
      API_SESSION,
      NTLM_TOKEN,
      keyBody,
      Buffer.from(`root:${PASSWORD}`).toString('base64'),
    ];
    for (const [where, text] of Object.entries({
      report: written,
      logFile: logged,
      stderr: result.stderr,
      stdout: result.stdout,
    })) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
    }
  }, 60_000);
});

describe('Redactor', () => {
  const redactor = new Redactor();
  redactor.addSecret('s3cret-value');

  it.each([
    ['a resolved secret anywhere in text', 'bad password s3cret-value given', 'bad password [REDACTED] given'],
    [
      'a Cookie header',
      'Cookie: vmware_soap_session="abc123def456"; Path=/',
      'Cookie: vmware_soap_session="[REDACTED]"; Path=/',
    ],
    ['the vSphere API session header', 'vmware-api-session-id: 0123456789abcdef', 'vmware-api-session-id: [REDACTED]'],
    ['an Authorization header', 'Authorization: Basic cm9vdDpwYXNzd29yZA==', 'Authorization: Basic [REDACTED]'],
    [
      'a bare Negotiate token',
      'WWW-Authenticate: Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag',
      'WWW-Authenticate: Negotiate [REDACTED]',
    ],
    ['an NTLM message', 'sent TlRMTVNTUAADAAAAGAAYAEAAAAA= to host', 'sent [REDACTED] to host'],
    ['a password assignment', 'url?user=root&password=hunter2&x=1', 'url?user=root&password=[REDACTED]&x=1'],
    [
      'a SOAP Login password, XML-escaped',
      '<Login><userName>root</userName><password>p&amp;ss&lt;w0rd</password></Login>',
      '<Login><userName>root</userName><password>[REDACTED]</password></Login>',
    ],
    [
      'a namespaced password element',
      '<vim25:password xsi:type="xsd:string">hunter2</vim25:password>',
      '<vim25:password xsi:type="xsd:string">[REDACTED]</vim25:password>',
    ],
    ['a quoted password with spaces, whole', '{"password":"correct horse, battery"}', '{"password":"[REDACTED]"}'],
    ['a single-quoted password with an escaped quote', "passwd = 'it\\'s a secret' end", "passwd = '[REDACTED]' end"],
    ['a pwd= assignment', 'Server=db;Uid=sa;Pwd=hunter2;Database=x', 'Server=db;Uid=sa;Pwd=[REDACTED];Database=x'],
    ['a quoted pwd', '{"pwd": "two words"}', '{"pwd": "[REDACTED]"}'],
    ['an X-API-Key header', 'X-API-Key: 9f8e7d6c5b4a', 'X-API-Key: [REDACTED]'],
    ['an api-key header', 'api-key: 9f8e7d6c5b4a', 'api-key: [REDACTED]'],
    ['an apikey query parameter', 'GET /v1/x?apikey=9f8e7d6c5b4a&page=2', 'GET /v1/x?apikey=[REDACTED]&page=2'],
    ['a JSON api_key', '{"api_key":"sk live 123"}', '{"api_key":"[REDACTED]"}'],
    [
      'a PEM private key',
      'key -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end',
      'key [REDACTED] end',
    ],
  ])('removes %s', (_what, input, expected) => {
    expect(redactor.text(input)).toBe(expected);
  });

  it('finds a registered secret in its XML- and JSON-escaped forms', () => {
    const escaped = new Redactor();
    escaped.addSecret('a<b&"c\\d');
    expect(escaped.known('<x>a&lt;b&amp;"c\\d</x>')).toBe(`<x>${REDACTED}</x>`);
    expect(escaped.known(JSON.stringify({ v: 'a<b&"c\\d' }))).toBe(`{"v":"${REDACTED}"}`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Basic authentication is enabled on WinRM',
      'NTLM authentication failed (401)',
      'TSM-SSH running',
      'the API key rotation is due',
      'cwd=/tmp',
    ]) {
      expect(redactor.text(text)).toBe(text);
    }
  });

  it('blanks secret-named keys and copies shared objects without calling them circular', () => {
    const shared = { text: 'fix it' };
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const headers = {
      Authorization: 'x',
      'Proxy-Authorization': 'Basic zzzz',
      Passwd: 'y',
      'X-API-Key': 'k1',
      'api-key': 'k2',
      apiKey: 'k3',
      api_key: 'k4',
      Pwd: 'k5',
    };
    expect(redactor.value({ a: shared, b: shared, password: 'p', headers, passwordEnv: 'PW', cyclic })).toEqual({
      a: { text: 'fix it' },
      b: { text: 'fix it' },
      password: REDACTED,
      headers: {
        Authorization: REDACTED,
        'Proxy-Authorization': REDACTED,
        Passwd: REDACTED,
        'X-API-Key': REDACTED,
        'api-key': REDACTED,
        apiKey: REDACTED,
        api_key: REDACTED,
        Pwd: REDACTED,
      },
      passwordEnv: 'PW',
      cyclic: { name: 'x', self: '[Circular]' },
    });
  });
});
