import type { Command } from 'commander';
import { choiceOption } from './options.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliContext, CommandHandler } from './command.js';
import { UserError } from '../core/errors.js';
import { sayOnInterrupt } from '../core/interrupt.js';
import { LAB_PROFILES, startLab, type LabProfile } from '../lab/index.js';

/** A whole-number flag (host counts, latency), named in the error. */
export const count = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 5000) throw new UserError(`${name}: expected an integer 0-5000, got "${value}"`);
  return n;
};

export function define(command: Command): CommandHandler {
  command
    .requiredOption('--out <dir>', 'where config.json, password files and keys are written')
    .addOption(choiceOption('--profile <name>', 'host postures', LAB_PROFILES).default('mixed'))
    .option('--esxi <n>', 'standalone ESXi hosts', '3')
    .option('--vcenter-hosts <n>', 'ESXi hosts behind one simulated vCenter (0: no vCenter)', '3')
    .option('--hyperv <n>', 'Hyper-V hosts (SSH, WinRM HTTPS Basic, WinRM HTTP NTLM in turn)', '3')
    .option('--latency <ms>', 'injected latency per round trip', '0')
    .option('--pid-file <file>', 'write the lab\'s process id here (removed when it stops)');
  command.addHelpText(
    'after',
    `
The lab prints its own process id: \`npx\` runs it as a child, so stopping npx may leave the lab running; stop the lab
by its id (kill PID) or with --pid-file (kill "$(cat FILE)").

Examples:
  hvscan lab --out /tmp/lab                            3 ESXi, a vCenter with 3 hosts, 3 Hyper-V
  hvscan lab --out /tmp/lab --profile hardened --esxi 1 --vcenter-hosts 0 --hyperv 1 --pid-file /tmp/lab.pid
  hvscan scan -c /tmp/lab/config.json                  in another shell`,
  );
  return async (input, context) => {
    const o = input.options as Record<string, string>;
    const pidFile = o.pidFile ? resolve(o.pidFile) : undefined;
    if (pidFile) writePidFile(pidFile);
    try {
      return await runLab(o, context);
    } finally {
      if (pidFile) rmSync(pidFile, { force: true });
    }
  };
}

async function runLab(o: Record<string, string>, context: CliContext): Promise<number> {
  const lab = await startLab({
    profile: o.profile as LabProfile,
    esxi: count('--esxi', o.esxi),
    vcenterHosts: count('--vcenter-hosts', o.vcenterHosts),
    hyperv: count('--hyperv', o.hyperv),
    latencyMs: count('--latency', o.latency),
    outDir: o.out,
  });
  sayOnInterrupt(() => 'stopping the lab');
  context.stdout.write(`lab pid ${process.pid} (stop it with: kill ${process.pid})\n`);
  context.stdout.write(`lab ready: ${lab.hostCount} hosts, config ${lab.configPath}\n`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    else context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await lab.close();
  context.stdout.write('lab stopped\n');
  return 0;
}

/** The pid file, created fresh: a leftover of a dead lab is replaced, one of a running process is refused. */
function writePidFile(path: string): void {
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`--pid-file ${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const other = Number(readFileSync(path, 'utf8').trim());
  if (Number.isInteger(other) && other > 0 && alive(other)) throw new UserError(`--pid-file ${path}: process ${other} (another lab?) is still running`);
  writeFileSync(path, `${process.pid}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
