import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedConnector } from '../core/fake-connectors.js';
import { cli } from '../core/in-process-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hvscan-output-faults-'));
const target = { name: 'esx', platform: 'esxi', host: '127.0.0.1', port: 9, username: 'root', passwordEnv: 'PW' };

/** scan and validate on a config with these outputs: both must exit 2 before any connection, with the same lines. */
async function refused(output: object) {
  const config = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(config, JSON.stringify({ targets: [target], output }));
  const connections: string[] = [];
  const connectorFor = async () =>
    scriptedConnector(async (t) => {
      connections.push(t.name);
      return [];
    });
  const scan = await cli(['scan', '-c', config], { env: { PW: 'pw' }, connectorFor });
  const validate = await cli(['validate', '-c', config], { env: { PW: 'pw' } });
  expect(connections).toEqual([]);
  expect([scan.code, validate.code]).toEqual([2, 2]);
  expect(validate.stderr).toBe(scan.stderr);
  return scan.stderr;
}

describe('report outputs are checked before the scan', () => {
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'a-file'), '');
  execFileSync('mkfifo', [join(dir, 'a-fifo')]);
  const socket = net.createServer().listen(join(dir, 'a-socket'));
  afterAll(() => socket.close());

  it.each([
    [
      'HTML path is a directory',
      { html: join(dir, 'a-directory') },
      `output.html: ${join(dir, 'a-directory')} is a directory`,
    ],
    [
      'CSV in a missing directory',
      { csv: join(dir, 'missing', 'f.csv') },
      `output.csv: cannot write ${join(dir, 'missing', 'f.csv')}: its directory ${join(dir, 'missing')} does not exist`,
    ],
    [
      'SARIF under a file',
      { sarif: join(dir, 'a-file', 'r.sarif') },
      `output.sarif: cannot write beside ${join(dir, 'a-file', 'r.sarif')} (ENOTDIR)`,
    ],
    ['JUnit on a socket', { junit: join(dir, 'a-socket') }, `output.junit: ${join(dir, 'a-socket')} is a socket`],
    [
      'two formats on one file',
      { json: join(dir, 'r.out'), csv: join(dir, 'r.out') },
      `output.csv: ${join(dir, 'r.out')} is also output.json`,
    ],
  ])('%s', async (_what, output, expected) => {
    expect(await refused(output)).toContain(expected);
  });

  it.each([
    ['a directory', 'a-directory', 'is a directory'],
    ['a socket', 'a-socket', 'is a socket'],
  ])('the log file is %s', async (_what, name, expected) => {
    const config = join(dir, `log-${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({ targets: [target], output: { json: join(dir, 'r.json') }, log: { file: join(dir, name) } }),
    );
    const scan = await cli(['scan', '-c', config], {
      env: { PW: 'pw' },
      connectorFor: async () => scriptedConnector(async () => []),
    });
    const validate = await cli(['validate', '-c', config], { env: { PW: 'pw' } });
    expect([scan.code, validate.code]).toEqual([2, 2]);
    expect(scan.stderr).toContain(`--log-file: ${join(dir, name)} ${expected}`);
    expect(validate.stderr).toBe(scan.stderr);
  });

  // /proc reports no free blocks; only root may write there, so only a root run reaches the free-space check.
  it.skipIf(process.getuid?.() !== 0)('a file system without free space', async () => {
    expect(await refused({ html: '/proc/hvscan-report.html' })).toMatch(
      /output\.html: 0\.0 MiB free in \/proc; the reports of 1 target\(s\) need about 1\.1 MiB/,
    );
  });
});
