import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext, CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { validateConfig } from '../core/config/load.js';
import { EXIT, UserError } from '../core/errors.js';
import { presentedCertificate, presentedHostKey } from '../core/net/probe.js';
import { colonFingerprint } from '../core/net/tls.js';
import { writeFileAtomic } from '../report/atomic.js';
import { isTerminal, terminalText } from '../core/terminal.js';
import { didYouMean } from '../core/text/suggest.js';
import { choice, choiceOption, flag, GlobalOptions, seconds, TARGET_PLATFORMS } from './options.js';
import { prompter } from './prompt.js';

type Kind = 'tls' | 'ssh';
const DEFAULT_PORT = { esxi: 443, vcenter: 443, 'hyperv-winrm': 5986, 'hyperv-ssh': 22 } as const;
const TRANSPORTS = ['ssh', 'winrm'] as const;

const TrustOptions = GlobalOptions.extend({
  platform: choice(TARGET_PLATFORMS).optional(),
  transport: choice(TRANSPORTS).optional(),
  write: z.string().optional(),
  target: z.string().optional(),
  yes: flag,
  timeout: seconds,
});
type TrustOptions = z.output<typeof TrustOptions>;

export function define(command: Command): CommandHandler {
  command
    .argument('<host[:port]>', 'the host to read the certificate or SSH host key from')
    .addOption(
      choiceOption('--platform <name>', "what the host is (default: the target's, else esxi)", TARGET_PLATFORMS),
    )
    .addOption(
      choiceOption('--transport <name>', 'Hyper-V: SSH host key or WinRM HTTPS certificate (default ssh)', TRANSPORTS),
    )
    .option('--write <config>', 'add the pin to this config file (asks first; --yes without a terminal)')
    .option('--target <name>', 'the config target to pin (with --write)')
    .option('--yes', 'pin without asking (only after comparing the fingerprint with the host itself)')
    .addOption(new Option('--timeout <seconds>', 'connection budget').default(15));
  command.addHelpText(
    'after',
    `
Connects once, prints what the host presents, and trusts nothing by itself. Compare the fingerprint with the one the
host shows on its console or over a channel you trust (docs/first-real-host.md) before pinning it.

Examples:
  hvscan trust esx01.example.com                         certificate of an ESXi host on 443
  hvscan trust vc01.example.com --platform vcenter
  hvscan trust hv01.example.com --platform hyperv        SSH host key on 22
  hvscan trust hv02.example.com:5986 --platform hyperv --transport winrm
  hvscan trust esx01.example.com --write config.json --target esx01`,
  );
  return typedHandler({ args: z.tuple([z.string()]), options: TrustOptions }, ({ args: [address], options }, context) =>
    trust(address, options, context),
  );
}

async function trust(address: string, options: TrustOptions, context: CliContext): Promise<number> {
  const { host, port: givenPort } = parseAddress(address);
  const edit = options.write === undefined ? undefined : readTarget(options.write, options.target);
  const platform = options.platform ?? edit?.target.platform ?? 'esxi';
  const transport = options.transport ?? edit?.target.transport ?? 'ssh';
  const key = (platform === 'hyperv' ? `hyperv-${transport}` : platform) as keyof typeof DEFAULT_PORT;
  const kind: Kind = key === 'hyperv-ssh' ? 'ssh' : 'tls';
  const port = givenPort ?? edit?.target.port ?? DEFAULT_PORT[key];
  if (edit) checkSameEndpoint(edit.target, host, port, platform, transport);
  const timeoutMs = options.timeout * 1000;

  let pin: string;
  try {
    if (kind === 'tls') {
      const cert = await presentedCertificate(host, port, timeoutMs);
      pin = colonFingerprint(cert.sha256);
      context.stdout.write(
        [
          `${host}:${port} presents this TLS certificate:`,
          `  subject   ${terminalText(cert.subject)}`,
          `  issuer    ${terminalText(cert.issuer)}${cert.selfSigned ? ' (self-signed)' : ''}`,
          `  valid     ${cert.notBefore} to ${cert.notAfter}`,
          `  SHA-256   ${pin}`,
          `  CA check  ${terminalText(cert.caVerdict)}`,
          `Config: "tls": { "fingerprint": "${pin}" }`,
          '',
        ].join('\n'),
      );
    } else {
      const hostKey = await presentedHostKey(host, port, timeoutMs);
      pin = hostKey.fingerprint;
      context.stdout.write(
        [
          `${host}:${port} presents this SSH host key:`,
          `  type      ${terminalText(hostKey.keyType)}`,
          `  SHA-256   ${pin}`,
          `Config: "ssh": { "hostKeyFingerprint": "${pin}" }`,
          '',
        ].join('\n'),
      );
    }
  } catch (err) {
    context.stderr.write(`hvscan: trust: ${(err as Error).message}\n`);
    return EXIT.hostsFailed;
  }
  if (!edit) {
    context.stdout.write('Compare it with the host before pinning it; --write CONFIG --target NAME adds the pin.\n');
    return EXIT.ok;
  }
  const current =
    kind === 'tls'
      ? (edit.target.tls as { fingerprint?: string } | undefined)?.fingerprint
      : (edit.target.ssh as { hostKeyFingerprint?: string } | undefined)?.hostKeyFingerprint;
  if (current && normalise(current, kind) === normalise(pin, kind)) {
    context.stdout.write(`target ${edit.name} in ${edit.file} already pins it; nothing to change\n`);
    return EXIT.ok;
  }
  if (current) context.stdout.write(`target ${edit.name} pins ${current} now; this replaces it\n`);
  if (!(await confirmed(options, context, `Pin it for target ${edit.name} in ${edit.file}? [y/N] `))) {
    context.stderr.write(
      'hvscan: trust: not pinned (answer y on a terminal, or --yes once you have compared the fingerprint)\n',
    );
    return EXIT.usage;
  }
  if (kind === 'tls') edit.target.tls = { ...withoutInsecure(edit.target.tls), fingerprint: pin };
  else edit.target.ssh = { ...(edit.target.ssh as object | undefined), hostKeyFingerprint: pin };
  const { problems } = validateConfig(edit.document);
  if (problems.length > 0)
    throw new UserError(
      `${edit.file}: not written, the result would be invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  await writeFileAtomic(edit.file, `${JSON.stringify(edit.document, null, 2)}\n`);
  context.stdout.write(`pinned: target ${edit.name} in ${edit.file}\n`);
  return EXIT.ok;
}

type RawTarget = Record<string, unknown> & {
  name: string;
  host?: string;
  port?: number;
  platform?: string;
  transport?: string;
  tls?: unknown;
  ssh?: unknown;
};

/** The config's raw document and the target to edit; a missing --target or unknown name is a usage error. */
function readTarget(
  file: string,
  name: string | undefined,
): { file: string; document: { targets: RawTarget[] }; target: RawTarget; name: string } {
  if (name === undefined) throw new UserError('--write needs --target NAME: which target of the config gets the pin');
  let document: { targets?: unknown };
  try {
    document = JSON.parse(readFileSync(file, 'utf8')) as { targets?: unknown };
  } catch (err) {
    throw new UserError(
      `--write ${file}: cannot read the config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const targets = (Array.isArray(document?.targets) ? document.targets : []) as RawTarget[];
  const target = targets.find((t) => t?.name === name);
  if (!target) {
    const names = targets.map((t) => String(t?.name));
    throw new UserError(`--target ${JSON.stringify(name)}: no such target in ${file}${didYouMean(name, names)}`);
  }
  return { file, document: document as { targets: RawTarget[] }, target, name };
}

/** The pin goes only to the target whose endpoint was read: another address or port would pin the wrong host. */
function checkSameEndpoint(target: RawTarget, host: string, port: number, platform: string, transport: string): void {
  if (target.host !== host)
    throw new UserError(
      `target ${target.name} connects to ${String(target.host)}, not ${host}; read that host instead`,
    );
  if (target.port !== undefined && target.port !== port)
    throw new UserError(`target ${target.name} connects to port ${target.port}, not ${port}`);
  if (target.platform !== platform || (platform === 'hyperv' && target.transport !== transport)) {
    throw new UserError(
      `target ${target.name} is ${target.platform}${target.transport ? `/${target.transport}` : ''}, not what was read (${platform}${platform === 'hyperv' ? `/${transport}` : ''})`,
    );
  }
}

function withoutInsecure(tls: unknown): object {
  const { insecure: _insecure, ...rest } = (tls ?? {}) as Record<string, unknown>;
  return rest;
}

function normalise(pin: string, kind: Kind): string {
  return kind === 'tls' ? pin.replace(/:/g, '').toLowerCase() : pin;
}

function parseAddress(address: string): { host: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(address) ?? /^([^:]+)(?::(\d+))?$/.exec(address);
  if (!m) throw new UserError(`${JSON.stringify(address)}: expected HOST or HOST:PORT ([IPv6]:PORT)`);
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UserError(`${address}: port must be 1-65535`);
  return { host: m[1]!, port };
}

/** --yes, or "y" typed on a terminal; never yes by default. */
async function confirmed(options: TrustOptions, context: CliContext, question: string): Promise<boolean> {
  if (options.yes) return true;
  if (!isTerminal(context.stdout) || !process.stdin.isTTY) return false;
  const rl = prompter(process.stdin, context.stdout);
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
