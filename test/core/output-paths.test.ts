// Outputs never replace what is not a regular file (issue: `-o /dev/stdout` as root replaced the /dev/stdout symlink
// with a regular file, because the atomic rename went over whatever the path was).
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOutputTarget, writeOutput } from '../../src/report/output-target.js';
import { expectValidReport } from './helpers.js';
import { runTs, spawnTs } from './run-cli.js';

const CLI_TIMEOUT = 60_000;

function scanDir(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hvscan-out-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      targets: [{ name: 'ok1', platform: 'esxi', host: 'ok1.lab', username: 'root', passwordEnv: 'PW' }],
    }),
  );
  return { dir, config };
}

const scan = (config: string, ...args: string[]) =>
  runTs(['scan', '-c', config, '--fail-on', 'none', ...args], { entry: 'test/core/fake-cli.ts', env: { PW: 'pw' } });

describe('output targets', () => {
  it(
    'a symlink is followed: the report is written atomically beside its target and the link stays a link',
    async () => {
      const { dir, config } = scanDir();
      mkdirSync(join(dir, 'real'));
      symlinkSync(join(dir, 'real', 'report.json'), join(dir, 'link.json'));
      const result = await scan(config, '-o', join(dir, 'link.json'));
      expect(result.code).toBe(0);
      expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'link.json'))).toBe(join(dir, 'real', 'report.json'));
      expectValidReport(JSON.parse(readFileSync(join(dir, 'real', 'report.json'), 'utf8')));
      expect(result.stdout).toContain(`report: ${join(dir, 'real', 'report.json')}`);
    },
    CLI_TIMEOUT,
  );

  it(
    'a symlink to a character device stays a symlink, and the device stays a device',
    async () => {
      // The shape of /dev/stdout as root, on a device that is safe to write: a private link to /dev/null.
      const { dir, config } = scanDir();
      symlinkSync('/dev/null', join(dir, 'stdout'));
      const result = await scan(config, '-o', join(dir, 'stdout'));
      expect(result.code).toBe(0);
      expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'stdout'))).toBe('/dev/null');
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    },
    CLI_TIMEOUT,
  );

  it(
    'a FIFO is written in place: its reader gets the whole report',
    async () => {
      const { dir, config } = scanDir();
      const fifo = join(dir, 'report.fifo');
      execFileSync('mkfifo', [fifo]);
      let text = '';
      const read = new Promise<void>((resolve, reject) => {
        createReadStream(fifo, 'utf8')
          .on('data', (chunk) => (text += chunk))
          .on('end', resolve)
          .on('error', reject);
      });
      const result = await scan(config, '-o', fifo);
      await read;
      expect(result.code).toBe(0);
      expect(statSync(fifo).isFIFO()).toBe(true);
      expectValidReport(JSON.parse(text));
    },
    CLI_TIMEOUT,
  );

  it(
    '-o - writes the report alone to stdout and the summary to stderr',
    async () => {
      const { dir, config } = scanDir();
      const result = await scan(config, '-o', '-');
      expect(result.code).toBe(0);
      expect(expectValidReport(JSON.parse(result.stdout)).hosts.map((h) => h.name)).toEqual(['ok1']);
      expect(result.stderr).toContain('report: -');
      expect(() => statSync(join(dir, '-'))).toThrow(/ENOENT/);
    },
    CLI_TIMEOUT,
  );

  it(
    "/dev/stdout is this process's stdout, never a path to rename over",
    async () => {
      const { config } = scanDir();
      const result = await scan(config, '-o', '/dev/stdout');
      expect(result.code).toBe(0);
      expectValidReport(JSON.parse(result.stdout));
    },
    CLI_TIMEOUT,
  );

  it(
    'a directory is refused with exit 2 before any connection',
    async () => {
      const { dir, config } = scanDir();
      const result = await scan(config, '-o', dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`output.json: ${dir} is a directory`);
    },
    CLI_TIMEOUT,
  );

  it(
    '--log-file: a directory is refused with exit 2; - sends the JSON log lines to stdout',
    async () => {
      const { dir, config } = scanDir();
      const refused = await scan(config, '-o', join(dir, 'r.json'), '--log-file', dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--log-file: ${dir} is a directory`);
      const run = spawnTs(['--log-file', '-', 'scan', '-c', config, '-o', join(dir, 'r.json'), '--fail-on', 'none'], {
        entry: 'test/core/fake-cli.ts',
        env: { PW: 'pw' },
      });
      const logged = await run.finished;
      expect(logged.code).toBe(0);
      const lines = logged.stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(lines.map((line) => JSON.parse(line).message)).toContain('scanning 1 target(s), profile scg');
    },
    CLI_TIMEOUT,
  );
});

describe('resolveOutputTarget', () => {
  it('sorts paths into stdout, devices and files, and refuses sockets, loops and missing directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-out-'));
    expect(await resolveOutputTarget('-', 'k')).toEqual({ kind: 'stdout' });
    expect(await resolveOutputTarget('/dev/null', 'k')).toEqual({ kind: 'device', path: '/dev/null' });
    expect(await resolveOutputTarget(join(dir, 'new.json'), 'k')).toEqual({
      kind: 'file',
      path: join(dir, 'new.json'),
    });
    symlinkSync(join(dir, 'later.json'), join(dir, 'dangling'));
    expect(await resolveOutputTarget(join(dir, 'dangling'), 'k')).toEqual({
      kind: 'file',
      path: join(dir, 'later.json'),
    });
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    await expect(resolveOutputTarget(join(dir, 'loop-a'), 'output.html')).rejects.toThrow(
      `output.html: ${join(dir, 'loop-a')} is a symlink loop`,
    );
    await expect(resolveOutputTarget(join(dir, 'no', 'r.json'), 'k')).rejects.toThrow('its directory');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve));
    await expect(resolveOutputTarget(join(dir, 'sock'), 'k')).rejects.toThrow('is a socket');
    server.close();
  });

  it('writeOutput replaces a regular file atomically and leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-out-'));
    writeFileSync(join(dir, 'r.json'), 'old');
    await writeOutput(await resolveOutputTarget(join(dir, 'r.json'), 'k'), ['a', 'b']);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('ab');
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).trim()).toBe('r.json');
  });
});
