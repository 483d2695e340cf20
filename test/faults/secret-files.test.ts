import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../src/core/connector/types.js';
import { createSelfSignedCertificate } from '../../src/lab/esxi/cert.js';
import { scriptedConnector } from '../core/fake-connectors.js';
import { cli } from '../core/in-process-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-secret-files-'));
const file = (name: string, content: string) => (writeFileSync(join(dir, name), content), join(dir, name));

/** Each hostile or broken source, the target that names it, and the problem line the user must see. */
function hostileTargets() {
  symlinkSync('/dev/zero', join(dir, 'zero.pw'));
  execFileSync('mkfifo', [join(dir, 'fifo.pw')]);
  mkdirSync(join(dir, 'dir.pw'));
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling.pw'));
  file('huge.pw', 'x'.repeat(1024 * 1024 + 1));
  file('garbage-ca.pem', 'not a certificate\n');
  file('bad-cert.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  file('garbage.key', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n');
  const esx = (name: string, extra: object) => ({
    name,
    platform: 'esxi',
    host: '127.0.0.1',
    port: 9,
    username: 'root',
    ...extra,
  });
  const pin = { hostKeyFingerprint: `SHA256:${'A'.repeat(43)}` };
  const cases: Array<[target: object, problem: string]> = [
    [
      esx('zero', { passwordFile: 'zero.pw' }),
      `targets[0].passwordFile: ${join(dir, 'zero.pw')} is not a regular file`,
    ],
    [
      esx('fifo', { passwordFile: 'fifo.pw' }),
      `targets[1].passwordFile: ${join(dir, 'fifo.pw')} is not a regular file`,
    ],
    [esx('dir', { passwordFile: 'dir.pw' }), `targets[2].passwordFile: ${join(dir, 'dir.pw')} is a directory`],
    [
      esx('dangling', { passwordFile: 'dangling.pw' }),
      `targets[3].passwordFile: cannot read ${join(dir, 'dangling.pw')} (ENOENT)`,
    ],
    [
      esx('huge', { passwordFile: 'huge.pw' }),
      `targets[4].passwordFile: ${join(dir, 'huge.pw')} is 1048577 bytes; at most 1048576 are read`,
    ],
    [
      esx('unset', { passwordEnv: 'UNSET_PASSWORD' }),
      'targets[5].passwordEnv: environment variable UNSET_PASSWORD is not set',
    ],
    [
      esx('ca-missing', { passwordEnv: 'PW', tls: { caFile: 'missing.pem' } }),
      `targets[6].tls.caFile: cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
    ],
    [
      esx('ca-garbage', { passwordEnv: 'PW', tls: { caFile: 'garbage-ca.pem' } }),
      `targets[7].tls.caFile: ${join(dir, 'garbage-ca.pem')} holds no PEM certificate`,
    ],
    [
      esx('ca-bad', { passwordEnv: 'PW', tls: { caFile: 'bad-cert.pem' } }),
      `targets[8].tls.caFile: certificate 1 in ${join(dir, 'bad-cert.pem')} cannot be parsed`,
    ],
    [
      {
        name: 'key',
        platform: 'hyperv',
        transport: 'ssh',
        host: '127.0.0.1',
        port: 9,
        username: 'a',
        privateKeyPath: 'garbage.key',
        ssh: pin,
      },
      'targets[9].privateKeyPath: not a private key SSH can use (',
    ],
    [
      {
        name: 'kh',
        platform: 'hyperv',
        transport: 'ssh',
        host: '127.0.0.1',
        port: 9,
        username: 'a',
        passwordEnv: 'PW',
        ssh: { knownHostsFile: 'no_known_hosts' },
      },
      `targets[10].ssh.knownHostsFile: cannot read ${join(dir, 'no_known_hosts')} (ENOENT)`,
    ],
  ];
  return cases;
}

/** A connector that counts its calls: the checks must all run before the first one. */
function countingConnector() {
  const calls: string[] = [];
  const connector: Connector = scriptedConnector(async (target) => {
    calls.push(target.name);
    throw new Error('connection refused');
  });
  return { calls, connectorFor: async () => connector };
}

describe('secret and trust files', () => {
  const cases = hostileTargets();
  const config = file(
    'config.json',
    JSON.stringify({ targets: cases.map(([t]) => t), output: { json: join(dir, 'r.json') } }),
  );

  it('scan refuses every bad source with exit 2 before connecting, naming each JSON path and file (a FIFO or /dev/zero never blocks)', async () => {
    const { calls, connectorFor } = countingConnector();
    const scan = await cli(['scan', '-c', config], { env: { PW: 'pw' }, connectorFor });
    expect(calls).toEqual([]);
    expect(scan.code).toBe(2);
    for (const [, problem] of cases) expect(scan.stderr).toContain(problem);
  });

  it('validate runs the same checks: the same lines, the same exit code', async () => {
    const scan = await cli(['scan', '-c', config], {
      env: { PW: 'pw' },
      connectorFor: countingConnector().connectorFor,
    });
    const validate = await cli(['validate', '-c', config], { env: { PW: 'pw' } });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe(scan.stderr);
  });

  it('--skip-invalid-targets scans the valid targets and reports each invalid one as failed at step config', async () => {
    const good = { name: 'good', platform: 'esxi', host: '127.0.0.1', port: 9, username: 'root', passwordEnv: 'PW' };
    const mixed = file(
      'mixed.json',
      JSON.stringify({ targets: [good, cases[0]![0], cases[5]![0]], output: { json: join(dir, 'mixed.json.out') } }),
    );
    const { calls, connectorFor } = countingConnector();
    const scan = await cli(['scan', '-c', mixed, '--skip-invalid-targets', '--fail-on', 'none'], {
      env: { PW: 'pw' },
      connectorFor,
    });
    expect(calls).toEqual(['good']);
    expect(scan.code).toBe(4);
    const report = JSON.parse(readFileSync(join(dir, 'mixed.json.out'), 'utf8')) as {
      hosts: Array<{ name: string; errors: unknown[] }>;
    };
    expect(report.hosts.map((h) => [h.name, h.errors])).toEqual([
      ['good', [{ step: 'collect', message: expect.stringContaining('connection refused') }]],
      ['zero', [{ step: 'config', message: expect.stringContaining('targets[1].passwordFile:') }]],
      [
        'unset',
        [
          {
            step: 'config',
            message: expect.stringContaining('targets[2].passwordEnv: environment variable UNSET_PASSWORD is not set'),
          },
        ],
      ],
    ]);
  });

  it('accepts real keys and certificates', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    }) as string;
    file('id_rsa', key);
    file('ca.pem', createSelfSignedCertificate('lab-ca').certPem);
    file('known_hosts', '');
    const ok = file(
      'ok.json',
      JSON.stringify({
        targets: [
          {
            name: 'vc',
            platform: 'vcenter',
            host: 'vc.lab',
            username: 'u',
            passwordEnv: 'PW',
            tls: { caFile: 'ca.pem' },
          },
          {
            name: 'hv',
            platform: 'hyperv',
            transport: 'ssh',
            host: 'hv.lab',
            username: 'u',
            privateKeyPath: 'id_rsa',
            ssh: { knownHostsFile: 'known_hosts' },
          },
          {
            name: 'tofu',
            platform: 'hyperv',
            transport: 'ssh',
            host: 'hv.lab',
            username: 'u',
            passwordEnv: 'PW',
            ssh: { knownHostsFile: 'new_known_hosts', trustOnFirstUse: true },
          },
        ],
        output: { json: join(dir, 'ok-report.json') },
      }),
    );
    const validate = await cli(['validate', '-c', ok], { env: { PW: 'pw' } });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });
});

describe('other files the scan reads', () => {
  it('a suppressions file that is a FIFO is refused with exit 2, not waited on', async () => {
    execFileSync('mkfifo', [join(dir, 'suppressions.fifo')]);
    const config = file(
      'supp.json',
      JSON.stringify({
        targets: [{ name: 'e', platform: 'esxi', host: 'h', username: 'u', passwordEnv: 'PW' }],
        rules: { suppressionsFile: 'suppressions.fifo' },
      }),
    );
    const validate = await cli(['validate', '-c', config], { env: { PW: 'pw' } });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(
      `rules.suppressionsFile: suppressions file ${join(dir, 'suppressions.fifo')}: is not a regular file`,
    );
  });
});

describe('host key settings that could only fail at scan time', () => {
  it.each([
    [
      'trustOnFirstUse without knownHostsFile',
      { trustOnFirstUse: true },
      'targets[0].ssh.trustOnFirstUse: needs ssh.knownHostsFile to record the key in',
    ],
  ])('validate and scan both exit 2 for %s', async (_what, ssh, problem) => {
    const target = {
      name: 'hv',
      platform: 'hyperv',
      transport: 'ssh',
      host: 'hv.lab',
      username: 'u',
      passwordEnv: 'PW',
      ssh,
    };
    const config = file(`hk-${Math.random()}.json`, JSON.stringify({ targets: [target] }));
    const { calls, connectorFor } = countingConnector();
    const validate = await cli(['validate', '-c', config], { env: { PW: 'pw' } });
    const scan = await cli(['scan', '-c', config], { env: { PW: 'pw' }, connectorFor });
    expect([validate.code, scan.code]).toEqual([2, 2]);
    expect(validate.stderr).toContain(problem);
    expect(scan.stderr).toContain(problem);
    expect(calls).toEqual([]);
  });
});
