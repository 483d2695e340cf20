import type { Command } from 'commander';
import { z } from 'zod';
import { choice, choiceOption, GlobalOptions, wholeNumber } from './options.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliContext, CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { UserError } from '../core/errors.js';
import { sayOnInterrupt } from '../core/interrupt.js';
import { LAB_PROFILES, startLab } from '../lab/index.js';

const LabOptions = GlobalOptions.extend({
  out: z.string(),
  profile: choice(LAB_PROFILES),
  esxi: wholeNumber,
  vcenterHosts: wholeNumber,
  hyperv: wholeNumber,
  latency: wholeNumber,
  pidFile: z.string().optional(),
});

export function define(command: Command): CommandHandler {
  command
    .requiredOption('--out <dir>', 'where config.json, password files and keys are written')
    .addOption(choiceOption('--profile <name>', 'host postures', LAB_PROFILES).default('mixed'))
    .option('--esxi <n>', 'standalone ESXi hosts', '3')
    .option('--vcenter-hosts <n>', 'ESXi hosts behind one simulated vCenter (0: no vCenter)', '3')
    .option('--hyperv <n>', 'Hyper-V hosts (SSH, WinRM HTTPS Basic, WinRM HTTP NTLM in turn)', '3')
    .option('--latency <ms>', 'injected latency per round trip', '0')
    .option('--pid-file <file>', "write the lab's process id here (removed when it stops)");
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
  return typedHandler({ args: z.tuple([]), options: LabOptions }, async ({ options: o }, context) => {
    const pidFile = o.pidFile ? resolve(o.pidFile) : undefined;
    if (pidFile) writePidFile(pidFile);
    try {
      return await runLab(o, context);
    } finally {
      if (pidFile) rmSync(pidFile, { force: true });
    }
  });
}

async function runLab(o: z.output<typeof LabOptions>, context: CliContext): Promise<number> {
  const lab = await startLab({
    profile: o.profile,
    esxi: o.esxi,
    vcenterHosts: o.vcenterHosts,
    hyperv: o.hyperv,
    latencyMs: o.latency,
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
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new UserError(
        `--pid-file ${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
  }
  const other = Number(readFileSync(path, 'utf8').trim());
  if (Number.isInteger(other) && other > 0 && alive(other))
    throw new UserError(`--pid-file ${path}: process ${other} (another lab?) is still running`);
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
