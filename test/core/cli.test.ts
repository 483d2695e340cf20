import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSelfSignedCertificate } from '../../src/lab/esxi/cert.js';
import { projectFile } from '../../src/core/paths.js';
import { staleSchemaFiles } from '../../src/report/json-schemas.js';
import { esxiFacts } from '../fixtures/facts.js';
import { expectValidReport } from './helpers.js';
import { runTs, spawnTs, waitForStderr } from './run-cli.js';

const CLI_TIMEOUT = 60_000;

/** A HOME and env that supply every secret and file config.example.json names. */
function exampleSecrets() {
  const home = mkdtempSync(join(tmpdir(), 'hvscan-home-'));
  mkdirSync(join(home, '.config/hvscan'), { recursive: true });
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.config/hvscan/vc01.pw'), 'vc-secret\n');
  writeFileSync(join(home, '.config/hvscan/lab-ca.pem'), createSelfSignedCertificate('lab-ca').certPem);
  writeFileSync(join(home, '.config/hvscan/suppressions.json'), '[]');
  writeFileSync(
    join(home, '.ssh/id_ed25519'),
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }),
  );
  writeFileSync(join(home, '.ssh/known_hosts'), '');
  return {
    HOME: home,
    ESX01_PASSWORD: 'esx-secret',
    HV02_PASSWORD: 'hv-secret',
    HV01_KEY_PASSPHRASE: 'phrase',
    SSH_AUTH_SOCK: join(home, 'agent.sock'),
  };
}

describe('hvscan CLI', () => {
  it(
    'validates config.example.json when its secrets are supplied, and names each missing one otherwise',
    async () => {
      const ok = await runTs(['validate', '-c', 'config.example.json'], { env: exampleSecrets() });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('5 target(s)');
      expect(ok.stdout).toContain('tls.insecure');

      const env = { ...exampleSecrets(), ESX01_PASSWORD: '' };
      const missing = await runTs(['validate', '-c', 'config.example.json'], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(
        'targets[0].passwordEnv: environment variable ESX01_PASSWORD is not set (target esx01)',
      );
      expect(missing.stderr).not.toContain('hv-secret');
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 2 with the path of each config problem',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-cli-'));
      writeFileSync(
        join(dir, 'c.json'),
        JSON.stringify({
          targets: [{ name: 'a', platform: 'esxi', host: 'h', username: 'u', passwordEnv: 'P', port: 'abc' }],
        }),
      );
      const result = await runTs(['validate', '-c', join(dir, 'c.json')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('targets[0].port: expected an integer 1-65535, got "abc"');
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 2 naming output.json before any connection when the report's directory does not exist",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-cli-'));
      // Had the scan started, the closed loopback port would fail the host (exit 4), not the run (exit 2).
      writeFileSync(
        join(dir, 'c.json'),
        JSON.stringify({
          targets: [{ name: 'a', platform: 'esxi', host: '127.0.0.1', port: 1, username: 'u', passwordEnv: 'P' }],
        }),
      );
      const result = await runTs(['scan', '-c', join(dir, 'c.json'), '-o', join(dir, 'missing', 'r.json')], {
        env: { P: 'x' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `output.json: cannot write ${join(dir, 'missing', 'r.json')}: its directory ${join(dir, 'missing')} does not exist`,
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 2 on unknown commands and options, 0 on --help',
    async () => {
      expect((await runTs(['frobnicate'])).code).toBe(2);
      expect((await runTs(['scan', '--fail-on', 'severe', '-c', 'x.json'])).code).toBe(2);
      const help = await runTs(['scan', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--fail-on <severity>');
    },
    CLI_TIMEOUT,
  );

  it(
    'prints valid JSON Schemas that accept real documents and reject broken ones',
    async () => {
      const all = await runTs(['schema']);
      expect(all.code).toBe(0);
      const schemas = JSON.parse(all.stdout) as Record<string, Record<string, unknown>>;
      expect(Object.keys(schemas)).toEqual(['report', 'facts', 'config', 'diff', 'suppressions']);
      for (const schema of Object.values(schemas))
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const facts = z.fromJSONSchema(schemas.facts as z.core.JSONSchema.JSONSchema);
      expect(facts.safeParse(esxiFacts()).success).toBe(true);
      expect(facts.safeParse({ ...esxiFacts(), cpu: null }).success).toBe(false);
      const config = z.fromJSONSchema(schemas.config as z.core.JSONSchema.JSONSchema);
      expect(config.safeParse(JSON.parse(readFileSync(projectFile('config.example.json'), 'utf8'))).success).toBe(true);

      const one = await runTs(['schema', 'facts']);
      expect(JSON.parse(one.stdout)).toEqual(schemas.facts);
    },
    CLI_TIMEOUT,
  );

  it('keeps schemas/*.schema.json in step with the zod schemas (regenerate: hvscan schema --write schemas)', () => {
    expect(staleSchemaFiles(projectFile('schemas'))).toEqual([]);
  });

  it(
    'on SIGINT mid-scan stops, aborts running hosts and writes a valid partial report',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvscan-sigint-'));
      const targets = ['ok1', 'slow1', 'slow2', 'later1', 'later2'].map((name) => ({
        name,
        platform: 'esxi',
        host: `${name}.lab`,
        username: 'root',
        passwordEnv: 'PW',
      }));
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({ targets, scan: { concurrency: 3, timeoutSeconds: 600 } }),
      );
      const report = join(dir, 'report.json');
      const run = spawnTs(['scan', '-c', join(dir, 'config.json'), '-o', report, '--fail-on', 'none'], {
        entry: 'test/core/fake-cli.ts',
        env: { PW: 'pw' },
      });
      // ok1 finishes and frees its slot for later1; slow1, slow2 and later1 then hang until interrupted.
      await waitForStderr(run.child, /connecting to (slow1|slow2|later1)/, 3);
      run.child.kill('SIGINT');
      const result = await run.finished;
      expect(result.code).toBe(4);
      const written = expectValidReport(JSON.parse(readFileSync(report, 'utf8')));
      expect(written.complete).toBe(false);
      expect(written.hosts.map((h) => [h.name, h.status, h.errors[0]?.step])).toEqual([
        ['ok1', 'ok', undefined],
        ['slow1', 'failed', 'aborted'],
        ['slow2', 'failed', 'aborted'],
        ['later1', 'failed', 'aborted'],
        ['later2', 'failed', 'aborted'],
      ]);
      expect(written.hosts[4].errors[0].message).toContain('before this target was started');
    },
    CLI_TIMEOUT,
  );
});
