import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { choice, choiceOption, GlobalOptions, wholeNumber } from './options.js';
import type { CommandHandler } from './command.js';
import { typedHandler } from './typed.js';
import { startLab } from '../lab/index.js';
import { demoSummary } from '../lab/summary.js';
import { FAIL_ON } from '../scan/exit-code.js';
import { scan } from './scan.js';
import { isTerminal, terminalSize } from '../core/terminal.js';

const DemoOptions = GlobalOptions.extend({
  output: z.string(),
  html: z.string(),
  failOn: choice(FAIL_ON),
  latency: wholeNumber,
});

export function define(command: Command): CommandHandler {
  command
    .option('-o, --output <file>', 'JSON report path', 'hvscan-report.json')
    .option('--html <file>', 'HTML report path', 'hvscan-report.html')
    .addOption(
      choiceOption(
        '--fail-on <severity>',
        'exit 3 when a finding is at or above this severity (the lab is risky on purpose)',
        FAIL_ON,
      ).default('none'),
    )
    .option('--latency <ms>', 'injected latency per round trip', '0');
  command.addHelpText(
    'after',
    `
Examples:
  hvscan demo                           lab, scan, summary; writes hvscan-report.json and hvscan-report.html
  hvscan demo --fail-on high            exit 3, as a scan of these risky hosts would
  hvscan demo --latency 50              each simulated round trip takes 50 ms`,
  );
  return typedHandler({ args: z.tuple([]), options: DemoOptions }, async ({ options: o }, context) => {
    const dir = mkdtempSync(join(tmpdir(), 'hvscan-demo-'));
    context.stdout.write(
      'hvscan demo: starting a simulated lab on 127.0.0.1 (ESXi 6.7/7.0/8.0, a vCenter, Hyper-V over SSH and WinRM)\n',
    );
    const lab = await startLab({
      profile: 'mixed',
      esxi: 3,
      vcenterHosts: 3,
      hyperv: 4,
      latencyMs: o.latency,
      outDir: dir,
    });
    try {
      context.stdout.write(`lab ready: ${lab.hostCount} hosts; scanning with ${lab.configPath}\n`);
      const { report, exitCode } = await scan(
        {
          config: lab.configPath,
          output: o.output,
          html: o.html,
          failOn: o.failOn,
          progress: true,
          table: false,
          quiet: o.quiet,
          color: o.color,
          logLevel: o.logLevel ?? 'warn',
          logFile: o.logFile,
        },
        context,
      );
      context.stdout.write(
        demoSummary(report, { width: isTerminal(context.stdout) ? terminalSize(context.stdout).columns : 100 }),
      );
      return exitCode;
    } finally {
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
