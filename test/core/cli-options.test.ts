import { Command } from 'commander';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS } from '../../src/cli.js';
import type { CommandHandler } from '../../src/commands/command.js';
import { cli } from './in-process-cli.js';

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The command's handler, defined on a fresh command as src/cli.ts defines it. */
async function handlerOf(name: string): Promise<{ command: Command; handler: CommandHandler }> {
  const command = new Command(name);
  const load = COMMANDS.find(([n]) => n === name)![2];
  return { command, handler: (await load()).define(command, COMMANDS) };
}

/** The options a command's handler receives for argv: commander's values through the command's schema. */
async function typedOptions(argv: string[]): Promise<Record<string, unknown>> {
  const context = { stdout: quiet(), stderr: quiet(), isTTY: false, signal: new AbortController().signal, env: {} };
  const program = await buildProgram(argv, context, { value: 0 });
  const name = argv.find((arg) => COMMANDS.some(([n]) => n === arg))!;
  let raw: Record<string, unknown> = {};
  program.commands
    .find((c) => c.name() === name)!
    .action((...params: unknown[]) => {
      raw = (params.at(-1) as Command).optsWithGlobals();
    });
  await program.parseAsync(argv, { from: 'user' });
  return (await handlerOf(name)).handler.options.parse(raw);
}

describe('typed CLI options', () => {
  it.each(COMMANDS.map(([name]) => name))(
    '%s: the options schema has a field for each declared flag, and no other',
    async (name) => {
      const { command, handler } = await handlerOf(name);
      const globals = ['logLevel', 'logFile', 'quiet', 'color'];
      expect(Object.keys(handler.options.shape).sort()).toEqual(
        [...globals, ...command.options.map((o) => o.attributeName())].sort(),
      );
    },
  );

  // Each bad value is refused before the command reads a file or starts anything (the config paths do not exist).
  it.each([
    [
      ['scan', '-c', 'none.json', '--timeout', '0'],
      '--timeout: expected a number of seconds, > 0 and <= 86400, got "0"',
    ],
    [
      ['scan', '-c', 'none.json', '--timeout', 'abc'],
      '--timeout: expected a number of seconds, > 0 and <= 86400, got "abc"',
    ],
    [
      ['scan', '-c', 'none.json', '--shard', '5/3'],
      '--shard: expected i/n with 1 <= i <= n <= 10000 (for example 2/3), got "5/3"',
    ],
    [
      ['scan', '-c', 'none.json', '--format', 'json,xml'],
      '--format: expected a comma-separated list of table, json, html, csv, sarif, junit, ndjson, got "json,xml"',
    ],
    [
      ['scan', '-c', 'none.json', '--fail-on', 'severe'],
      "option '--fail-on <severity>' argument 'severe' is invalid. expected one of critical, high, medium, low, none",
    ],
    [
      ['scan', '-c', 'none.json', '--platform', 'esxi,xen'],
      "option '--platform <name>' argument 'esxi,xen' is invalid. expected one of esxi, vcenter, hyperv",
    ],
    [
      ['scan', '-c', 'none.json', '--severity', 'urgent'],
      "option '--severity <list>' argument 'urgent' is invalid. expected one of critical, high, medium, low, info",
    ],
    [['evaluate', 'none.json', '--now', 'never'], '--now: expected an ISO date, got "never"'],
    [
      ['evaluate', 'none.json', '--profile', 'cis'],
      "option '--profile <name>' argument 'cis' is invalid. expected one of scg, stig, lab",
    ],
    [
      ['audit', '-c', 'none.json', '--history', 'h', '--keep', '3x'],
      '--keep: expected a duration such as 90d, 12w or 36h, got "3x"',
    ],
    [
      ['audit', '-c', 'none.json', '--history', 'h', '--fail-on-new', 'severe'],
      "option '--fail-on-new <severity>' argument 'severe' is invalid",
    ],
    [
      ['schedule', '-c', 'none.json', '--history', 'h', '--keep', '0d'],
      '--keep: expected a duration such as 90d, 12w or 36h, got "0d"',
    ],
    [['lab', '--out', 'none', '--esxi', 'abc'], '--esxi: expected an integer 0-5000, got "abc"'],
    [['lab', '--out', 'none', '--vcenter-hosts', '5001'], '--vcenter-hosts: expected an integer 0-5000, got "5001"'],
    [['lab', '--out', 'none', '--hyperv', '1.5'], '--hyperv: expected an integer 0-5000, got "1.5"'],
    [['lab', '--out', 'none', '--latency', '-1'], '--latency: expected an integer 0-5000, got "-1"'],
    [
      ['lab', '--out', 'none', '--profile', 'weird'],
      "option '--profile <name>' argument 'weird' is invalid. expected one of mixed, risky, hardened",
    ],
    [['demo', '--latency', 'slow'], '--latency: expected an integer 0-5000, got "slow"'],
    [
      ['trust', 'esx01.example.com', '--timeout', '0'],
      '--timeout: expected a number of seconds, > 0 and <= 86400, got "0"',
    ],
    [
      ['trust', 'esx01.example.com', '--transport', 'telnet'],
      "option '--transport <name>' argument 'telnet' is invalid. expected one of ssh, winrm",
    ],
    [
      ['init', '--platform', 'xen'],
      "option '--platform <name>' argument 'xen' is invalid. expected one of esxi, vcenter, hyperv",
    ],
    [
      ['diff', 'a.json', 'b.json', '--fail-on-new', 'severe'],
      "option '--fail-on-new <severity>' argument 'severe' is invalid",
    ],
    [
      ['schema', 'reports'],
      "'reports' is invalid for argument 'name'. Allowed choices are report, facts, config, diff, suppressions",
    ],
    [['completion', 'fish'], "'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh"],
    [['merge', 'a.json'], "required option '-o, --output <file>' not specified"],
    [
      ['--log-level', 'trace', 'rules'],
      "option '--log-level <level>' argument 'trace' is invalid. expected one of error, warn, info, debug",
    ],
  ])('hvscan %j exits 2: %s', async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('names every bad value of one command line, one line each', async () => {
    const result = await cli(['scan', '-c', 'none.json', '--timeout', '0', '--shard', '4/3']);
    expect(result.code).toBe(2);
    expect(
      result.stderr
        .replace(/^hvscan: /, '')
        .trimEnd()
        .split('\n')
        .sort(),
    ).toEqual([
      '--shard: expected i/n with 1 <= i <= n <= 10000 (for example 2/3), got "4/3"',
      '--timeout: expected a number of seconds, > 0 and <= 86400, got "0"',
    ]);
  });

  it('gives handlers typed values: numbers, parsed shards, formats and durations, defaults filled in', async () => {
    expect(await typedOptions(['scan', '-c', 'c.json'])).toMatchObject({
      config: 'c.json',
      failOn: 'high',
      progress: true,
      allowUnknown: false,
      skipInvalidTargets: false,
      all: false,
      quiet: false,
      color: true,
    });
    expect(
      await typedOptions([
        'scan',
        '-c',
        'c.json',
        '--timeout',
        '2.5',
        '--shard',
        ' 2/4 ',
        '--format',
        'Table,JSON,csv,json',
        '--no-progress',
        '--no-color',
        '-q',
      ]),
    ).toMatchObject({
      timeout: 2.5,
      shard: { index: 2, count: 4 },
      format: { files: ['json', 'csv'], table: true },
      progress: false,
      color: false,
      quiet: true,
    });
    expect(
      await typedOptions([
        'scan',
        '-c',
        'c.json',
        '--severity',
        'critical,HIGH',
        '--severity',
        'medium',
        '--target',
        'a',
        '--target',
        'b',
      ]),
    ).toMatchObject({ severity: ['critical', 'high', 'medium'], target: ['a', 'b'] });
    expect(await typedOptions(['lab', '--out', 'd'])).toMatchObject({
      out: 'd',
      profile: 'mixed',
      esxi: 3,
      vcenterHosts: 3,
      hyperv: 3,
      latency: 0,
    });
    expect(await typedOptions(['demo'])).toMatchObject({
      output: 'hvscan-report.json',
      html: 'hvscan-report.html',
      failOn: 'none',
      latency: 0,
    });
    expect(await typedOptions(['trust', 'h'])).toMatchObject({ timeout: 15, yes: false });
    expect(await typedOptions(['audit', '-c', 'c.json', '--history', 'h'])).toMatchObject({
      keep: { text: '90d', ms: 90 * 86_400_000 },
      failOn: 'high',
    });
    expect(await typedOptions(['schedule', '-c', 'c.json', '--history', 'h', '--keep', '36h'])).toMatchObject({
      cron: '0 2 * * *',
      keep: { text: '36h', ms: 36 * 3_600_000 },
      printSystemd: false,
    });
    const now = (await typedOptions(['evaluate', 'r.json', '--now', '2026-01-01'])).now;
    expect(now).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(await typedOptions(['init', '--log-level', 'debug', '--log-file', 'l.jsonl'])).toMatchObject({
      output: 'hvscan.config.json',
      force: false,
      logLevel: 'debug',
      logFile: 'l.jsonl',
    });
  });
});
