import { Command, CommanderError } from 'commander';
import type { CliContext, CommandTable } from './commands/command.js';
import { choiceOption } from './commands/options.js';
import { EXIT, ExitError } from './core/errors.js';
import { escapeControls } from './core/log/host-text.js';
import { LOG_LEVELS } from './core/log/logger.js';

/**
 * The command table, one line per command: name, one-line summary, module. Modules load only when their command
 * runs (or its --help is asked for), so `hvscan schema` never loads SSH or SOAP clients.
 */
export const COMMANDS: CommandTable = [
  ['init', 'write a starter config: asks on a terminal, or takes flags', () => import('./commands/init.js')],
  ['scan', 'collect facts from every target, run the rules, write the report', () => import('./commands/scan.js')],
  [
    'validate',
    'check a config file and the secrets it names, without connecting',
    () => import('./commands/validate.js'),
  ],
  [
    'evaluate',
    'run the rules again on saved facts or a saved report (no network)',
    () => import('./commands/evaluate.js'),
  ],
  ['rules', 'list the rules', () => import('./commands/rules.js')],
  [
    'schema',
    'print the JSON Schema of the report, the facts, the config or a diff',
    () => import('./commands/schema.js'),
  ],
  [
    'merge',
    'merge the reports of a sharded run (or of scans of one config) into one report',
    () => import('./commands/merge.js'),
  ],
  ['diff', 'compare two reports: new and resolved findings, fact drift', () => import('./commands/diff.js')],
  [
    'audit',
    'one scan appended to a history folder, with HTML, CSV and the diff against the last run',
    () => import('./commands/audit.js'),
  ],
  ['schedule', 'run audits on a cron schedule until stopped', () => import('./commands/schedule.js')],
  [
    'trust',
    "read a host's TLS certificate or SSH host key once, show its fingerprint, optionally pin it in a config",
    () => import('./commands/trust.js'),
  ],
  [
    'lab',
    'start simulated ESXi, vCenter and Hyper-V hosts on 127.0.0.1 and write their config',
    () => import('./commands/lab.js'),
  ],
  ['completion', 'print a bash or zsh completion script', () => import('./commands/completion.js')],
  ['demo', 'start a simulated lab, scan it and summarise what matters', () => import('./commands/demo.js')],
];

/** The command argv names (or `help <command>` asks about): the first word that is a command name. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const names = new Set(COMMANDS.map(([name]) => name));
  const index = argv.findIndex((arg) => names.has(arg) || arg === 'help');
  return argv[index] === 'help' ? argv.slice(index + 1).find((arg) => names.has(arg)) : argv[index];
}

export async function buildProgram(
  argv: readonly string[],
  context: CliContext,
  exitCode: { value: number },
): Promise<Command> {
  const version = (await import('./report/build.js')).toolVersion();
  const program = new Command('hvscan')
    .description('Inventories hypervisor hosts (ESXi, vCenter, Hyper-V) and flags their risks.')
    .version(version, '-V, --version')
    .addOption(choiceOption('--log-level <level>', 'log verbosity', LOG_LEVELS))
    .option('--log-file <path>', 'also write JSON log lines to this file')
    .option('-q, --quiet', 'no progress, table or summary; only errors are logged')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  const wanted = requestedCommand(argv);
  for (const [name, summary, load] of COMMANDS) {
    const command = program.command(name).summary(summary).description(summary);
    if (name !== wanted) continue;
    const handler = (await load()).define(command, COMMANDS);
    command.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const args = params
        .slice(0, -2)
        .flat()
        .filter((a): a is string => typeof a === 'string');
      exitCode.value = await handler({ args, options: self.optsWithGlobals(), command: self }, context);
    });
  }
  program.addHelpText(
    'after',
    [
      '',
      'Exit codes: 0 nothing at or above --fail-on, 3 findings at or above it, 2 usage or config error, 4 a host failed collection.',
      '',
      'Examples:',
      '  hvscan demo                          a simulated lab, scanned and summarised',
      '  hvscan init                          a starter config for a real host',
      '  hvscan trust esx01.example.com       its certificate fingerprint, to compare and pin',
      '  hvscan scan -c hvscan.config.json    scan; `hvscan <command> --help` for each command',
    ].join('\n'),
  );
  return program;
}

/**
 * Parses argv, runs the command, and maps every ending to an exit code: ExitError/UserError to their code with a
 * one-line message, argument errors to 2, help and --version to 0. Unexpected errors propagate to src/index.ts.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const exitCode = { value: EXIT.ok as number };
  try {
    const program = await buildProgram(argv, context, exitCode);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode.value;
  } catch (err) {
    if (err instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      return quiet ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ExitError) {
      // Messages may quote config values and file contents: nothing in them may act on the terminal.
      if (err.message) context.stderr.write(`hvscan: ${escapeControls(err.message)}\n`);
      return err.code;
    }
    throw err;
  }
}
