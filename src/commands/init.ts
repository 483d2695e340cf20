import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext, CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { validateConfig } from '../core/config/load.js';
import { EXIT, UserError } from '../core/errors.js';
import { projectFile } from '../core/paths.js';
import { writeFileAtomic } from '../report/atomic.js';
import { isTerminal } from '../core/terminal.js';
import { prompter, type Prompter } from './prompt.js';
import { choice, choiceOption, flag, GlobalOptions, TARGET_PLATFORMS as PLATFORMS } from './options.js';

const TRANSPORTS = ['ssh', 'winrm'] as const;

const InitOptions = GlobalOptions.extend({
  output: z.string(),
  platform: choice(PLATFORMS).optional(),
  transport: choice(TRANSPORTS).optional(),
  host: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  passwordEnv: z.string().optional(),
  passwordFile: z.string().optional(),
  privateKey: z.string().optional(),
  fingerprint: z.string().optional(),
  force: flag,
});
type InitOptions = z.output<typeof InitOptions>;

interface Answers {
  platform: (typeof PLATFORMS)[number];
  transport?: (typeof TRANSPORTS)[number];
  host: string;
  name: string;
  username: string;
  passwordEnv?: string;
  passwordFile?: string;
  privateKeyPath?: string;
  fingerprint?: string;
}

export function define(command: Command): CommandHandler {
  command
    .option('-o, --output <file>', 'where to write the config', 'hvscan.config.json')
    .addOption(choiceOption('--platform <name>', 'what the first target is', PLATFORMS))
    .addOption(choiceOption('--transport <name>', 'Hyper-V: how to reach it (default ssh)', TRANSPORTS))
    .option('--host <address>', 'DNS name or address of the first target')
    .option('--name <name>', "target name in logs and reports (default: the host's first label)")
    .option('--username <user>', 'read-only account (see docs/first-real-host.md)')
    .option('--password-env <VAR>', 'environment variable holding the password (default HVSCAN_<NAME>_PASSWORD)')
    .option('--password-file <path>', 'file holding the password, instead of an environment variable')
    .option('--private-key <path>', 'Hyper-V over SSH: private key file instead of a password')
    .option('--fingerprint <sha256>', 'pin: TLS certificate SHA-256, or SSH "SHA256:…" host key (see hvscan trust)')
    .option('--force', 'overwrite an existing file');
  command.addHelpText(
    'after',
    `
On a terminal, init asks for what the flags do not give; otherwise the flags --platform, --host and --username are
needed. The file is JSON: its notes are "$comment" keys, which hvscan ignores. hvscan validate accepts what init writes.

Examples:
  hvscan init                                                         asks
  hvscan init --platform esxi --host esx01.example.com --username hvscan-audit
  hvscan init --platform hyperv --transport ssh --host hv01.example.com --username audit --private-key ~/.ssh/hvscan`,
  );
  return typedHandler({ args: z.tuple([]), options: InitOptions }, ({ options }, context) => init(options, context));
}

async function init(options: InitOptions, context: CliContext): Promise<number> {
  const output = resolve(options.output);
  if (existsSync(output) && !options.force)
    throw new UserError(`${options.output} exists; choose another -o or add --force`);
  const interactive = isTerminal(context.stdout) && process.stdin.isTTY === true;
  const answers = interactive ? await ask(options, context) : fromFlags(options);
  const document = starterConfig(answers);
  const { problems } = validateConfig(document);
  if (problems.length > 0)
    throw new UserError(`not written: the config would be invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  await writeFileAtomic(output, `${JSON.stringify(document, null, 2)}\n`);
  context.stdout.write(
    `wrote ${options.output}\n${nextSteps(answers, options.output)
      .map((line) => `  ${line}`)
      .join('\n')}\n`,
  );
  return EXIT.ok;
}

function fromFlags(options: InitOptions): Answers {
  const { platform, host, username } = options;
  if (platform === undefined || host === undefined || username === undefined) {
    const missing = Object.entries({ platform, host, username }).filter(([, value]) => value === undefined);
    throw new UserError(
      `without a terminal, init needs ${missing.map(([key]) => `--${key}`).join(', ')} (see hvscan init --help)`,
    );
  }
  return completed({ ...flagAnswers(options), platform, host, username });
}

/** The answers flags give (commander's option names differ from the config keys). */
function flagAnswers(options: InitOptions): Partial<Answers> {
  const { name, transport, passwordEnv, passwordFile, privateKey: privateKeyPath, fingerprint } = options;
  return { name, transport, passwordEnv, passwordFile, privateKeyPath, fingerprint };
}

/** Asks on the terminal for each value the flags did not give. */
async function ask(options: InitOptions, context: CliContext): Promise<Answers> {
  const rl = prompter(process.stdin, context.stdout);
  try {
    const platform = options.platform ?? (await choose(rl, 'Platform', PLATFORMS, 'esxi'));
    const transport =
      platform === 'hyperv' ? (options.transport ?? (await choose(rl, 'Transport', TRANSPORTS, 'ssh'))) : undefined;
    const host = options.host ?? (await required(rl, 'Host name or address'));
    const username = options.username ?? (await required(rl, 'Read-only user name'));
    const fingerprint =
      options.fingerprint ??
      ((await rl.question('Pinned fingerprint (empty: add it later with hvscan trust): ')).trim() || undefined);
    return completed({ ...flagAnswers(options), platform, transport, host, username, fingerprint });
  } finally {
    rl.close();
  }
}

async function choose<T extends string>(rl: Prompter, label: string, values: readonly T[], fallback: T): Promise<T> {
  for (;;) {
    const answer =
      (await rl.question(`${label} (${values.join('/')}) [${fallback}]: `)).trim().toLowerCase() || fallback;
    const chosen = values.find((value) => value === answer);
    if (chosen) return chosen;
  }
}

async function required(rl: Prompter, label: string): Promise<string> {
  for (;;) {
    const answer = (await rl.question(`${label}: `)).trim();
    if (answer) return answer;
  }
}

/** Defaults for what was not given: the name from the host, the password from HVSCAN_<NAME>_PASSWORD. */
function completed(
  given: Partial<Answers> & { platform: Answers['platform']; host: string; username: string },
): Answers {
  const name =
    given.name ??
    (/^\d+(\.\d+){3}$/.test(given.host) ? given.host : given.host.split('.')[0]!).replace(/[^A-Za-z0-9._-]/g, '-');
  const transport = given.platform === 'hyperv' ? (given.transport ?? 'ssh') : undefined;
  const keyBased = transport === 'ssh' && given.privateKeyPath;
  const passwordEnv =
    given.passwordFile || keyBased
      ? given.passwordEnv
      : (given.passwordEnv ?? `HVSCAN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`);
  return { ...given, name, transport, passwordEnv };
}

/** The config: one target, the scan/rules/output defaults spelled out, and notes as "$comment" keys. */
export function starterConfig(a: Answers): Record<string, unknown> {
  const credentials = {
    username: a.username,
    ...(a.passwordEnv ? { passwordEnv: a.passwordEnv } : {}),
    ...(a.passwordFile ? { passwordFile: a.passwordFile } : {}),
  };
  const base = { name: a.name, platform: a.platform, host: a.host };
  let target: Record<string, unknown>;
  if (a.platform !== 'hyperv') {
    target = { ...base, ...credentials, ...(a.fingerprint ? { tls: { fingerprint: a.fingerprint } } : {}) };
  } else if (a.transport === 'winrm') {
    target = {
      ...base,
      transport: 'winrm',
      ...credentials,
      winrm: { https: true, auth: 'ntlm' },
      ...(a.fingerprint ? { tls: { fingerprint: a.fingerprint } } : {}),
    };
  } else {
    target = {
      ...base,
      transport: 'ssh',
      ...credentials,
      ...(a.privateKeyPath ? { privateKeyPath: a.privateKeyPath } : {}),
      ssh: a.fingerprint ? { hostKeyFingerprint: a.fingerprint } : { knownHostsFile: '~/.ssh/known_hosts' },
    };
  }
  return {
    $schema: pathToFileURL(projectFile('schemas/config.schema.json')).href,
    $comment: [
      `Written by hvscan init. JSON has no comments: hvscan ignores "$comment" keys; delete them or keep them.`,
      'Every key is described in README.md (Configuration reference); `hvscan schema config` prints the JSON Schema.',
      'Add hosts to "targets"; each needs a unique name. Passwords never go in this file: passwordEnv or passwordFile.',
    ],
    targets: [{ $comment: targetNotes(a), ...target }],
    scan: { concurrency: 32, timeoutSeconds: 120, retries: 1 },
    rules: { profile: 'scg' },
    output: { json: 'hvscan-report.json' },
  };
}

function targetNotes(a: Answers): string[] {
  const notes: string[] = [];
  if (a.passwordEnv)
    notes.push(`Password: export ${a.passwordEnv}=… before a scan (or use passwordFile: a file only you can read).`);
  const trust = `hvscan trust ${a.host}${a.platform === 'hyperv' ? ` --platform hyperv --transport ${a.transport}` : ''} --write <this file> --target ${a.name}`;
  if (a.platform === 'hyperv' && a.transport === 'ssh') {
    notes.push(
      a.fingerprint
        ? 'ssh.hostKeyFingerprint pins the host key you gave.'
        : `The host key is looked up in ~/.ssh/known_hosts; or pin it after comparing it with the host: ${trust}`,
    );
  } else {
    notes.push(
      a.fingerprint
        ? 'tls.fingerprint pins the certificate you gave.'
        : `No pin: the certificate must chain to a CA this machine trusts (or tls.caFile). A self-signed host needs a pin: ${trust}`,
    );
  }
  notes.push('Account rights hvscan needs (read-only): docs/first-real-host.md.');
  return notes;
}

function nextSteps(a: Answers, output: string): string[] {
  return [
    ...(a.passwordEnv ? [`export ${a.passwordEnv}=…   (the password, in this shell only)`] : []),
    ...(a.fingerprint
      ? []
      : [
          `hvscan trust ${a.host}${a.platform === 'hyperv' ? ` --platform hyperv --transport ${a.transport}` : ''}   (read the fingerprint; compare it on the host)`,
        ]),
    `hvscan validate -c ${output}`,
    `hvscan scan -c ${output}`,
  ];
}
