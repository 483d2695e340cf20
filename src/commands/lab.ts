import type { Command } from 'commander';
import { choiceOption } from './options.js';
import type { CommandHandler } from '../cli.js';
import { UserError } from '../errors.js';
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
    .option('--latency <ms>', 'injected latency per round trip', '0');
  return async (input, context) => {
    const o = input.options as Record<string, string>;
    const lab = await startLab({
      profile: o.profile as LabProfile,
      esxi: count('--esxi', o.esxi),
      vcenterHosts: count('--vcenter-hosts', o.vcenterHosts),
      hyperv: count('--hyperv', o.hyperv),
      latencyMs: count('--latency', o.latency),
      outDir: o.out,
    });
    context.stdout.write(`lab ready: ${lab.hostCount} hosts, config ${lab.configPath}\n`);
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await lab.close();
    context.stdout.write('lab stopped\n');
    return 0;
  };
}
