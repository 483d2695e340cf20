import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveTargetPaths, validateConfig } from '../../src/core/config/load.js';
import type { Target } from '../../src/core/config/schema.js';
import { resolveCredentials } from '../../src/core/config/secrets.js';

const esx = { name: 'esx01', platform: 'esxi', host: 'esx01.lab', username: 'root', passwordEnv: 'ESX01_PASSWORD' };
const ssh = {
  name: 'hv01',
  platform: 'hyperv',
  transport: 'ssh',
  host: 'hv01.lab',
  username: 'audit',
  privateKeyPath: '~/.ssh/id',
};
const winrm = {
  name: 'hv02',
  platform: 'hyperv',
  transport: 'winrm',
  host: 'hv02.lab',
  username: 'a',
  passwordEnv: 'P',
  winrm: { https: true, auth: 'ntlm' },
};

function problemsOf(raw: unknown): string[] {
  return validateConfig(raw).problems;
}

/** Each case: a config that must be rejected, and the exact line the user must see (path first). */
const MALFORMED: Array<[what: string, raw: unknown, expected: string]> = [
  [
    'port is not a number',
    { targets: [esx, esx, esx, { ...esx, name: 'x', port: 'abc' }] },
    'targets[3].port: expected an integer 1-65535, got "abc"',
  ],
  [
    'port out of range',
    { targets: [{ ...esx, port: 70000 }] },
    'targets[0].port: expected an integer 1-65535, got 70000',
  ],
  [
    'inline password',
    { targets: [{ ...esx, password: 'hunter2' }] },
    'targets[0].password: inline passwords are not accepted; use passwordEnv',
  ],
  ['misspelt key', { targets: [{ ...esx, usrname: 'root' }] }, 'targets[0].usrname: unknown key'],
  ['unknown top-level key', { targets: [esx], outputs: {} }, 'outputs: unknown key'],
  [
    'unknown platform',
    { targets: [{ ...esx, platform: 'xen' }] },
    'targets[0].platform: expected one of "esxi", "vcenter", "hyperv", got "xen"',
  ],
  [
    'Hyper-V without transport',
    { targets: [{ ...ssh, transport: undefined }] },
    'targets[0].transport: expected one of "ssh", "winrm" (missing)',
  ],
  ['missing host', { targets: [{ ...esx, host: undefined }] }, 'targets[0].host: required: expected a string'],
  [
    'empty username',
    { targets: [{ ...esx, username: '' }] },
    'targets[0].username: expected a non-empty string, got ""',
  ],
  [
    'bad target name',
    { targets: [{ ...esx, name: 'esx 01' }] },
    'targets[0].name: expected letters, digits, ".", "_" or "-", got "esx 01"',
  ],
  [
    'bad fingerprint',
    { targets: [{ ...esx, tls: { fingerprint: 'abcd' } }] },
    'targets[0].tls.fingerprint: expected a SHA-256 fingerprint: 64 hex digits, colons optional',
  ],
  [
    'tls.insecure not a boolean',
    { targets: [{ ...esx, tls: { insecure: 'yes' } }] },
    'targets[0].tls.insecure: expected a boolean, got "yes"',
  ],
  [
    'bad env var name',
    { targets: [{ ...esx, passwordEnv: 'MY-PASS' }] },
    'targets[0].passwordEnv: expected an environment variable name',
  ],
  [
    'no password source',
    { targets: [{ ...esx, passwordEnv: undefined }] },
    'targets[0]: expected a password source: passwordEnv or passwordFile',
  ],
  [
    'two password sources',
    { targets: [{ ...esx, passwordFile: '/x' }] },
    'targets[0].passwordFile: conflicts with passwordEnv',
  ],
  [
    'SSH target without any credential',
    { targets: [{ ...ssh, privateKeyPath: undefined }] },
    'targets[0]: expected a credential: privateKeyPath, agent: true, passwordEnv or passwordFile',
  ],
  [
    'bad host key fingerprint',
    { targets: [{ ...ssh, ssh: { hostKeyFingerprint: 'MD5:aa' } }] },
    'targets[0].ssh.hostKeyFingerprint: expected "SHA256:" and 43 base64 characters, got "MD5:aa"',
  ],
  [
    'WinRM basic over HTTP',
    { targets: [{ ...winrm, winrm: { https: false, auth: 'basic' } }] },
    'targets[0].winrm.auth: basic over HTTP sends the password readable on the wire',
  ],
  [
    'WinRM unknown auth',
    { targets: [{ ...winrm, winrm: { https: true, auth: 'kerberos' } }] },
    'targets[0].winrm.auth: expected one of "basic", "ntlm", got "kerberos"',
  ],
  [
    'insecure together with a pin',
    { targets: [{ ...esx, tls: { insecure: true, fingerprint: 'a'.repeat(64) } }] },
    'targets[0].tls.insecure: conflicts with tls.fingerprint',
  ],
  [
    'duplicate target names',
    { targets: [esx, { ...esx, host: 'other' }] },
    'targets[1].name: duplicate target name "esx01" (also targets[0])',
  ],
  ['no targets', { targets: [] }, 'targets: expected at least one target'],
  ['targets not a list', { targets: {} }, 'targets: expected an array, got an object'],
  ['concurrency zero', { targets: [esx], scan: { concurrency: 0 } }, 'scan.concurrency: expected a number >= 1, got 0'],
  ['fractional retries', { targets: [esx], scan: { retries: 1.5 } }, 'scan.retries: expected an integer, got 1.5'],
  [
    'unknown profile',
    { targets: [esx], rules: { profile: 'cis' } },
    'rules.profile: expected one of "scg", "stig", "lab", got "cis"',
  ],
  ['unknown output format', { targets: [esx], output: { pdf: 'r.pdf' } }, 'output.pdf: unknown key'],
  [
    'bad log level',
    { targets: [esx], log: { level: 'trace' } },
    'log.level: expected one of "error", "warn", "info", "debug", got "trace"',
  ],
  [
    'passphrase without key',
    { targets: [{ ...ssh, privateKeyPath: undefined, agent: true, passphraseEnv: 'K' }] },
    'targets[0].passphraseEnv: only used with privateKeyPath',
  ],
];

describe('config validation', () => {
  it.each(MALFORMED)('rejects %s', (_what, raw, expected) => {
    const problems = problemsOf(raw);
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\n  not in\n${problems.join('\n')}`,
    ).toBe(true);
  });

  it('reports every problem of a config at once', () => {
    const problems = problemsOf({
      targets: [
        { ...esx, port: 'abc', password: 'x' },
        { ...ssh, transport: 'telnet' },
      ],
      scan: { concurency: 3 },
    });
    expect(problems).toEqual([
      'targets[0].port: expected an integer 1-65535, got "abc"',
      expect.stringMatching(/^targets\[0\]\.password: inline passwords/),
      'targets[1].transport: expected one of "ssh", "winrm", got "telnet"',
      expect.stringMatching(/^scan\.concurency: unknown key/),
    ]);
  });

  it('never echoes a value that may be a secret', () => {
    const problems = problemsOf({
      targets: [
        { ...esx, passwordEnv: 'S3cr3t!pass' },
        { ...esx, name: 'b', password: 'hunter2-inline' },
      ],
    });
    expect(problems.join('\n')).not.toContain('S3cr3t!pass');
    expect(problems.join('\n')).not.toContain('hunter2-inline');
  });

  it('fills defaults and normalises fingerprints', () => {
    const { config } = validateConfig({ targets: [{ ...esx, tls: { fingerprint: 'AB:'.repeat(31) + 'AB' } }] });
    expect(config?.scan).toEqual({ concurrency: 32, timeoutSeconds: 120, retries: 1 });
    expect(config?.rules.profile).toBe('scg');
    expect((config?.targets[0] as { tls: { fingerprint: string } }).tls.fingerprint).toBe('ab'.repeat(32));
  });

  it('loadConfig throws one ConfigError (exit code 2) listing all problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ targets: [{ ...esx, port: 0 }], scan: { x: 1 } }));
    try {
      loadConfig(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).code).toBe(2);
      expect((err as ConfigError).problems).toHaveLength(2);
    }
    writeFileSync(file, '{ "targets": [ }');
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
    // V8 quotes an excerpt of the text for an unexpected token: an unquoted inline password must not be echoed.
    writeFileSync(file, '{ "targets": [{ "name": "esx", "password": hunter2secret }] }');
    expect(() => loadConfig(file)).toThrow(/c\.json: not valid JSON \(line 1, column 44: Unexpected token 'h'\)$/);
    writeFileSync(file, '{\n  "targets": []\n  "scan": {}\n}');
    expect(() => loadConfig(file)).toThrow(
      /not valid JSON \(line 3, column 3: Expected ',' or '}' after property value\)/,
    );
  });
});

describe('secret resolution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-secrets-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(join(dir, 'vc.pw'), 'file-secret-value\n');
  writeFileSync(join(dir, 'empty.pw'), '');
  const vc = { name: 'vc01', platform: 'vcenter', host: 'vc', username: 'audit', passwordFile: 'vc.pw' } as Target;

  it('reads passwords from env and from files relative to the config, without the trailing newline', async () => {
    expect(await resolveCredentials(esx as Target, configFile, { ESX01_PASSWORD: 'env-secret' })).toEqual({
      credentials: { username: 'root', password: 'env-secret' },
      problems: [],
    });
    expect((await resolveCredentials(vc, configFile, {})).credentials.password).toBe('file-secret-value');
  });

  it('names the key and the variable or file, never the secret, when a source is missing', async () => {
    expect((await resolveCredentials(esx as Target, configFile, {})).problems).toEqual([
      { key: 'passwordEnv', detail: 'environment variable ESX01_PASSWORD is not set' },
    ]);
    expect((await resolveCredentials({ ...vc, passwordFile: 'nope.pw' } as Target, configFile, {})).problems).toEqual([
      { key: 'passwordFile', detail: `cannot read ${join(dir, 'nope.pw')} (ENOENT)` },
    ]);
    expect((await resolveCredentials({ ...vc, passwordFile: 'empty.pw' } as Target, configFile, {})).problems).toEqual([
      { key: 'passwordFile', detail: `${join(dir, 'empty.pw')} is empty` },
    ]);
  });

  it('expands ~ for key files and reads the agent socket and passphrase from env', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hvscan-home-'));
    writeFileSync(join(home, 'id'), '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n');
    const previous = process.env.HOME;
    process.env.HOME = home;
    try {
      const target = { ...ssh, privateKeyPath: '~/id', passphraseEnv: 'PP', agent: true } as Target;
      const { credentials } = await resolveCredentials(target, configFile, {
        PP: 'phrase',
        SSH_AUTH_SOCK: '/tmp/agent.sock',
      });
      expect(credentials.privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
      expect(credentials.passphrase).toBe('phrase');
      expect(credentials.agentSocket).toBe('/tmp/agent.sock');
    } finally {
      process.env.HOME = previous;
    }
  });

  it('makes the CA file path absolute against the config directory', () => {
    const target = resolveTargetPaths({ ...esx, tls: { caFile: 'ca.pem' } } as Target, configFile);
    expect((target as { tls: { caFile: string } }).tls.caFile).toBe(join(dir, 'ca.pem'));
  });
});
